(function () {
  "use strict";
  var all = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var one = function (sel) { return document.querySelector(sel); };
  var search = one("#f-search"), pick = one("#f-check"), shown = one("#shown");

  function checked(name) {
    var s = new Set();
    all("input[name=" + name + "]").forEach(function (b) { if (b.checked) { s.add(b.value); } });
    return s;
  }
  function anyVisible(list, vis) {
    return list.split(" ").some(function (c) { return vis.has(c); });
  }
  function apply() {
    var fams = checked("family"), sevs = checked("severity"), sel = pick.value;
    var vis = new Set();
    all("tr.check").forEach(function (tr) {
      var ok = fams.has(tr.dataset.family) && sevs.has(tr.dataset.sev) && (!sel || sel === tr.dataset.check);
      tr.hidden = !ok;
      if (!ok) { tr.nextElementSibling.hidden = true; tr.setAttribute("aria-expanded", "false"); }
      if (ok) { vis.add(tr.dataset.check); }
    });
    var q = search.value.trim().toLowerCase(), n = 0;
    all("section.rec").forEach(function (sec) {
      var ok = anyVisible(sec.dataset.c, vis) && (!q || sec.dataset.id.toLowerCase().indexOf(q) >= 0);
      sec.hidden = !ok;
      if (!ok) { return; }
      n += 1;
      all("mark[data-c]", sec).forEach(function (m) {
        if (m.dataset.c) { m.classList.toggle("off", !anyVisible(m.dataset.c, vis)); }
      });
      all(".flist details", sec).forEach(function (d) { d.hidden = !vis.has(d.dataset.c); });
    });
    shown.textContent = String(n);
  }
  all("input[name=family], input[name=severity]").forEach(function (b) { b.addEventListener("change", apply); });
  pick.addEventListener("change", apply);
  search.addEventListener("input", apply);
  all("tr.check").forEach(function (tr) {
    tr.addEventListener("click", function () {
      var open = tr.getAttribute("aria-expanded") === "true";
      tr.setAttribute("aria-expanded", open ? "false" : "true");
      tr.nextElementSibling.hidden = open;
    });
  });
  all("button.only").forEach(function (b) {
    b.addEventListener("click", function () {
      pick.value = b.dataset.check;
      apply();
      var first = all("section.rec").filter(function (s) { return !s.hidden; })[0];
      if (first) { first.scrollIntoView(); }
    });
  });
  one("#f-reset").addEventListener("click", function () {
    all("input[name=family], input[name=severity]").forEach(function (b) { b.checked = true; });
    pick.value = ""; search.value = ""; apply();
  });
  apply();
  document.documentElement.dataset.ready = "1";
})();
