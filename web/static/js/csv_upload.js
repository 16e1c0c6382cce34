// The bulk payment page's file field: the chosen CSV file's text goes into the form's text
// area, which is what the form sends (a file of its own because the Content-Security-Policy
// allows no inline script). Without script the text is pasted instead.
(function () {
  'use strict';
  var input = document.querySelector('input[data-csv-target]');
  if (!input || typeof FileReader === 'undefined') return;
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    var target = document.getElementById(input.getAttribute('data-csv-target'));
    if (!file || !target) return;
    var reader = new FileReader();
    reader.onload = function () { target.value = String(reader.result); };
    reader.readAsText(file);
  });
})();
