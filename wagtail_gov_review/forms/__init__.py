"""The prescribed forms (审批责任表, 保密审查表 …) rendered from review records."""
