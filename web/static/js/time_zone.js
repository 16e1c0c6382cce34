// The registration form's time zone: the browser's guess (an IANA name such as
// "Europe/Paris"), sent with the form. A file of its own because the Content-Security-Policy
// allows no inline script. Without script the field stays empty and the bank uses UTC; the
// person can change it on /profile either way.
(function () {
  'use strict';
  var field = document.querySelector('input[data-guess-time-zone]');
  if (!field || field.value) return;
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (typeof zone === 'string') field.value = zone;
  } catch (error) {
    // An old browser without Intl time zones: UTC it is.
  }
})();
