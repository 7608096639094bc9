/*
 * wagtail-gov-review editor panel: "check current content" posts the unsaved editor form to the
 * server-side check endpoint and swaps in the returned report. No libraries; delegated events, so
 * a swapped-in report keeps working. De-identify buttons are plain forms and work without JS.
 */
(function () {
  'use strict';

  function editForm() {
    return document.querySelector('form[data-edit-form]');
  }

  function showError(report, message) {
    var box = report.querySelector('[data-gov-error]');
    if (!box) return;
    box.textContent = message;
    box.hidden = !message;
  }

  function recheck(button) {
    var report = button.closest('[data-gov-report]');
    var form = editForm();
    if (!report || !form) return;
    var data = new FormData(form);
    button.disabled = true;
    report.setAttribute('aria-busy', 'true');
    fetch(report.dataset.checkUrl, {
      method: 'POST',
      body: data,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    })
      .then(function (response) {
        return response.json().then(function (payload) {
          return { ok: response.ok, payload: payload };
        });
      })
      .then(function (result) {
        if (!result.ok) {
          var errors = result.payload.errors || {};
          var details = Object.keys(errors).map(function (name) {
            return name + ': ' + errors[name].join(' ');
          });
          showError(report, [result.payload.error].concat(details).join(' '));
          return;
        }
        var holder = document.createElement('div');
        holder.innerHTML = result.payload.html;
        var fresh = holder.querySelector('[data-gov-report]');
        if (fresh) report.replaceWith(fresh);
      })
      .catch(function (error) {
        showError(report, String(error));
      })
      .finally(function () {
        button.disabled = false;
        report.removeAttribute('aria-busy');
      });
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-gov-recheck]');
    if (button) {
      event.preventDefault();
      recheck(button);
    }
  });
})();
