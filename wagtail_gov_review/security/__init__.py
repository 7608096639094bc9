"""Security: unit-scoped admin access, account policy, production hardening."""
