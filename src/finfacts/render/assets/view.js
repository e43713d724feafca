(function () {
  // Hovering or focusing anything with data-light lights the elements whose data-k it names
  // (a finding's figures in the text, a fact's mentions). The page works without it.
  function light(event, on) {
    var el = event.target.closest && event.target.closest("[data-light]");
    var root = el && el.closest(".ff");
    if (!root) return;
    el.getAttribute("data-light").split(" ").forEach(function (k) {
      root.querySelectorAll('[data-k="' + k + '"]').forEach(function (n) { n.classList.toggle("ff-lit", on); });
    });
  }
  document.addEventListener("mouseover", function (e) { light(e, true); });
  document.addEventListener("mouseout", function (e) { light(e, false); });
  document.addEventListener("focusin", function (e) { light(e, true); });
  document.addEventListener("focusout", function (e) { light(e, false); });
})();
