// Progressive enhancement only: every form works without this file.

// The intake as the API takes it, read from the form's fields by their `data-intake` kind
// (templates/_vitals.html): the live assessment and the live department send the same intake.
function intakeFromForm(form) {
  "use strict";
  var complaint = form.elements["complaint"].value.trim();
  if (!complaint) { return null; }
  var data = {complaint: complaint};
  Array.prototype.forEach.call(form.querySelectorAll("[data-intake]"), function (field) {
    var v = field.value.trim();
    if (v === "") { return; }
    var kind = field.dataset.intake;
    data[field.name] = kind === "number" ? Number(v) : kind === "yes_no" ? v === "true" : v;
  });
  return data;
}
(function () {
  "use strict";
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.content : "";

  // Live assessment on the intake page: POST the intake to the API as the nurse types.
  var form = document.getElementById("intake-form");
  var live = document.getElementById("live-result");
  if (form && live) {
    var panel = document.getElementById("live");
    var timer = null;
    var show = function (a) {
      var zh = panel.dataset.lang === "zh";
      live.textContent = "";
      var p = document.createElement("p");
      var c = document.createElement("span");
      c.className = "badge china-" + a.china_level;
      c.id = "live-china";
      c.textContent = a.china_level + " · " + (zh ? a.china.name_zh : a.china.name_en);
      var k = document.createElement("span");
      k.className = "badge acuity-" + a.acuity;
      k.id = "live-acuity";
      k.textContent = panel.dataset.labelAcuity + " " + a.acuity + " · " + (zh ? a.acuity_info.name_zh : a.acuity_info.name_en);
      p.appendChild(c); p.appendChild(document.createTextNode(" ")); p.appendChild(k);
      live.appendChild(p);
      var ul = document.createElement("ul");
      (a.evidence || []).slice(0, 8).forEach(function (ev) {
        var li = document.createElement("li"); li.textContent = zh ? ev.text_zh : ev.text_en; ul.appendChild(li);
      });
      live.appendChild(ul);
      var said = function (en, zhText) { return (zh && zhText && zhText.length ? zhText : en) || []; };
      said(a.warnings, a.warnings_zh).forEach(function (note) {  // an extreme value: re-measure
        var w = document.createElement("p"); w.className = "warning remeasure"; w.textContent = note; live.appendChild(w);
      });
      said(a.assumptions, a.assumptions_zh).forEach(function (note) {
        var n = document.createElement("p"); n.className = "hint assumption"; n.textContent = note; live.appendChild(n);
      });
      if (a.missing_vitals && a.missing_vitals.length) {
        var m = document.createElement("p"); m.className = "warning";
        var labels = {};
        try { labels = JSON.parse(panel.dataset.fieldNames || "{}"); } catch (e) { labels = {}; }
        m.textContent = panel.dataset.labelMissing + ": " +
          a.missing_vitals.map(function (f) { return labels[f] || f; }).join(zh ? "、" : ", ");
        live.appendChild(m);
      }
    };
    var run = function () {
      var data = intakeFromForm(form);
      if (!data) { live.textContent = ""; return; }
      fetch("/api/v1/assess", {method: "POST", credentials: "same-origin",
        headers: {"content-type": "application/json", "x-csrf-token": csrf}, body: JSON.stringify(data)})
        .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); })
        .then(function (res) {
          if (res.ok) { show(res.body); }
          else { live.textContent = ""; var e = document.createElement("p"); e.className = "error";
                 e.textContent = res.body.error ? res.body.error.message : "error"; live.appendChild(e); }
        })
        .catch(function () { /* offline: the form still submits */ });
    };
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 300); });
    form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(run, 100); });
  }

  // The worklist refreshes itself: fetch the rows fragment and swap it in.
  var table = document.getElementById("worklist");
  if (table) {
    var seconds = Number(table.dataset.refreshS || "15");
    setInterval(function () {
      fetch("/worklist/rows", {credentials: "same-origin"})
        .then(function (r) { if (r.ok) { return r.text(); } throw new Error(String(r.status)); })
        .then(function (html) { document.getElementById("worklist-rows").innerHTML = html; })
        .catch(function () { /* keep the last list on a network hiccup */ });
    }, seconds * 1000);
  }
})();

// Department and care level on the intake page: POST the same intake to /api/v1/care as the nurse types.
(function () {
  "use strict";
  var form = document.getElementById("intake-form");
  var box = document.getElementById("live-route");
  if (!form || !box) { return; }
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.content : "";
  var zh = (document.getElementById("live") || box).dataset.lang === "zh";
  var careNames = {};
  try { careNames = JSON.parse(box.dataset.careNames || "{}"); } catch (e) { careNames = {}; }
  var timer = null;
  var line = function (label, node) {
    var p = document.createElement("p");
    var b = document.createElement("strong"); b.textContent = label + ": ";
    p.appendChild(b); p.appendChild(node); return p;
  };
  var show = function (res) {
    var r = res.route, c = res.care;
    box.textContent = "";
    var dept = document.createElement("span");
    dept.id = "live-department";
    dept.textContent = r.department_display + (r.subdepartment && r.subdepartment !== r.department ? " / " + r.subdepartment : "") +
      " (" + Math.round(r.probability * 100) + "%)";
    box.appendChild(line(box.dataset.labelDepartment, dept));
    var alts = document.createElement("span");
    alts.id = "live-alternatives";
    alts.textContent = (r.alternatives || []).map(function (a) {
      return a.department_display + " " + Math.round(a.probability * 100) + "%";
    }).join("、") || "—";
    box.appendChild(line(box.dataset.labelAlternatives, alts));
    var badge = document.createElement("span");
    badge.className = "badge care-" + c.care;
    badge.id = "live-care";
    badge.textContent = careNames[c.care] || c.care;
    box.appendChild(line(box.dataset.labelCare, badge));
    var why = document.createElement("p");
    why.id = "live-care-reason";
    why.textContent = zh ? c.reason_zh : c.reason_en;
    box.appendChild(why);
  };
  var run = function () {
    var data = intakeFromForm(form);
    if (!data) { box.textContent = ""; return; }
    fetch("/api/v1/care", {method: "POST", credentials: "same-origin",
      headers: {"content-type": "application/json", "x-csrf-token": csrf}, body: JSON.stringify(data)})
      .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); })
      .then(function (res) { if (res.ok) { show(res.body); } else { box.textContent = ""; } })
      .catch(function () { /* offline: the form still submits */ });
  };
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 350); });
  form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
})();
