// Drag-and-drop upload with a progress bar. Without JavaScript the form posts normally;
// with it, the same form is sent by XMLHttpRequest so upload progress can be shown.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  var zone = document.getElementById("dropzone");
  var input = document.getElementById("file");
  var area = document.getElementById("progress-area");
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  if (!form || !zone || !input || !window.FormData) {
    return;
  }

  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.remove("dragging");
    });
  });
  zone.addEventListener("drop", function (event) {
    if (event.dataTransfer && event.dataTransfer.files.length > 0) {
      input.files = event.dataTransfer.files;
    }
  });

  form.addEventListener("submit", function (event) {
    if (!input.files || input.files.length === 0) {
      return;
    }
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    area.hidden = false;
    request.upload.addEventListener("progress", function (progress) {
      if (progress.lengthComputable) {
        var percent = Math.round((progress.loaded / progress.total) * 100);
        bar.value = percent;
        text.textContent = percent + " %";
      }
    });
    request.addEventListener("load", function () {
      if (request.status >= 200 && request.status < 400) {
        window.location.assign(request.responseURL);
      } else {
        document.open();
        document.write(request.responseText);
        document.close();
      }
    });
    request.addEventListener("error", function () {
      text.textContent = "Erreur réseau / network error";
    });
    request.send(new FormData(form));
  });
})();
