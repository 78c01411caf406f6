/* indikator serve: the page's behaviour. Plain JavaScript, no library, no network but this server. */
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const lang = data.lang, T = data.texts;
  const $ = (id) => document.getElementById(id);
  const scaleCache = {};
  let lastFile = null, sequence = 0, timer = null;

  function api(path, options) {
    const sep = path.includes("?") ? "&" : "?";
    return fetch(path + sep + "lang=" + lang, options).then((r) => r.json());
  }
  function postJson(path, body) {
    return api(path, {method: "POST", headers: {"Content-Type": "application/json"},
                      body: JSON.stringify(body)});
  }
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function number(value, digits) {
    if (value === null || value === undefined) return "";
    return Number(value).toLocaleString(lang === "id" ? "id-ID" : "en-GB",
      {minimumFractionDigits: digits, maximumFractionDigits: digits});
  }
  function quantity(q) {
    if (!q) return "";
    if (q.value !== null) return number(q.value, q.decimals === null ? 2 : q.decimals);
    return q.text || "";
  }

  /* ---------------------------------------------------------------- 1. formula */
  function check() {
    const text = $("formula").value;
    const mine = ++sequence;
    if (!text.trim()) {
      $("reading").textContent = ""; $("variables").textContent = ""; $("findings").textContent = "";
      return;
    }
    const name = $("indicator-name").value.trim(), unit = $("indicator-unit").value.trim();
    const body = {formula: text};
    if (name) body.name = name;
    if (unit) body.unit = unit;
    Promise.all([postJson("/api/v1/parse", {formula: text}), postJson("/api/v1/lint", body)])
      .then(([parsed, linted]) => {
        if (mine !== sequence) return;  // a newer keystroke has its own answer coming
        showReading(parsed);
        showFindings(linted);
      });
  }
  function showReading(answer) {
    const reading = $("reading"), list = $("variables");
    list.textContent = "";
    if (!answer.ok) {
      reading.textContent = "";
      reading.appendChild(el("p", {class: "error"}, answer.error.message));
      return;
    }
    reading.innerHTML = answer.result.mathml;  /* MathML built and escaped by the server */
    const kind = el("p", {class: "kind"}, answer.result.kind);
    reading.appendChild(kind);
    const defined = answer.result.definitions || {};
    for (const name of answer.result.variables) {
      list.appendChild(el("li", {}, defined[name] ? name + " = " + defined[name] : name));
    }
    const rewrites = answer.result.rewrites || [];
    if (rewrites.length) {  /* what normalisation changed before reading: never a silent guess */
      const box = el("details", {class: "rewrites"});
      box.appendChild(el("summary", {}, T.rewrites.replace("{count}", rewrites.length)));
      const items = el("ul");
      for (const r of rewrites) items.appendChild(el("li", {class: r.certain ? "" : "guess"}, "«" + r.before + "» → «" + r.after + "»: " + r.reason));
      box.appendChild(items);
      reading.appendChild(box);
    }
  }
  function showFindings(answer) {
    const box = $("findings");
    box.textContent = "";
    if (!answer.ok) { box.appendChild(el("p", {class: "error"}, answer.error.message)); return; }
    if (!answer.findings.length) { box.appendChild(el("p", {class: "clean"}, T.no_findings)); return; }
    for (const f of answer.findings) {
      const item = el("div", {class: "finding " + f.severity});
      item.appendChild(el("strong", {}, f.code + " " + f.rule));
      item.appendChild(el("p", {}, f.message));
      if (f.fix) {
        const fix = el("p", {class: "fix"});
        fix.appendChild(el("span", {}, T.fix + ": "));
        fix.appendChild(el("code", {}, f.fix));
        item.appendChild(fix);
        const button = el("button", {type: "button", class: "apply-fix"}, T.apply_fix);
        button.addEventListener("click", () => { $("formula").value = f.fix; check(); });
        item.appendChild(button);
      }
      box.appendChild(item);
    }
  }
  function later() { clearTimeout(timer); timer = setTimeout(check, 150); }
  $("formula").addEventListener("input", later);
  $("indicator-name").addEventListener("input", later);
  $("indicator-unit").addEventListener("input", later);

  /* ---------------------------------------------------------------- 2. table */
  function scale(name) {
    if (!name) return Promise.resolve(null);
    if (!scaleCache[name]) {
      scaleCache[name] = api("/api/v1/scales/" + encodeURIComponent(name))
        .then((a) => (a.ok ? a.result : null));
    }
    return scaleCache[name];
  }
  function upload(file) {
    lastFile = file;
    $("table-status").textContent = T.working;
    const form = new FormData();
    form.append("file", file, file.name);
    api("/api/v1/compute", {method: "POST", body: form}).then((answer) => {
      if (!answer.ok) {
        $("table-status").textContent = answer.error.message;
        $("results").hidden = true; $("downloads").hidden = true; $("unread").hidden = true;
        return;
      }
      const names = [...new Set(answer.result.rows.map((r) => r.scale).filter(Boolean))];
      Promise.all(names.map(scale)).then((scales) => {
        const colours = {};
        scales.forEach((s) => { if (s) colours[s.name] = Object.fromEntries(s.bands.map((b) => [b.code, b.colour])); });
        showTable(answer.result, colours);
      });
    });
  }
  function showTable(result, colours) {
    const s = result.summary;
    $("table-status").textContent = T.summary.replace("{rows}", s.rows).replace("{computed}", s.computed)
      .replace("{mismatch}", s.mismatch).replace("{unread}", s.unread);
    const body = $("results").querySelector("tbody");
    body.textContent = "";
    for (const r of result.rows) {
      const tr = el("tr");
      tr.appendChild(el("td", {}, r.row));
      tr.appendChild(el("td", {}, r.indicator));
      tr.appendChild(el("td", {}, r.year));
      tr.appendChild(el("td", {class: "num"}, quantity(r.target)));
      tr.appendChild(el("td", {class: "num"}, quantity(r.actual)));
      tr.appendChild(el("td", {class: "num"}, number(r.achievement, 2)));
      const cat = el("td", {class: "category"}, r.category ? r.category + (r.category_label ? " — " + r.category_label : "") : "");
      const colour = r.category && colours[r.scale] ? colours[r.scale][r.category] : null;
      if (colour) cat.style.background = colour;
      tr.appendChild(cat);
      const audit = el("td", {class: "audit " + (r.audit || "none")},
        r.audit ? T["audit_" + r.audit.replace("-", "_")] || r.audit : "");
      tr.appendChild(audit);
      tr.appendChild(el("td", {class: "message"}, r.message || ""));
      body.appendChild(tr);
    }
    $("results").hidden = false;
    $("downloads").hidden = false;
    const list = $("unread").querySelector("ul");
    list.textContent = "";
    for (const u of result.unread) list.appendChild(el("li", {}, u.line + " / " + u.column + ": «" + u.text + "» — " + u.reason));
    $("unread").hidden = result.unread.length === 0;
  }
  function download(format) {
    if (!lastFile) return;
    const form = new FormData();
    form.append("file", lastFile, lastFile.name);
    fetch("/api/v1/report?format=" + format + "&lang=" + lang, {method: "POST", body: form})
      .then((r) => {
        if (!r.ok) return r.json().then((a) => { $("table-status").textContent = a.error.message; });
        const name = (r.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
        return r.blob().then((blob) => {
          const link = el("a", {href: URL.createObjectURL(blob), download: name ? name[1] : "laporan." + format});
          document.body.appendChild(link); link.click(); link.remove();
        });
      });
  }
  $("table-file").addEventListener("change", (e) => { if (e.target.files[0]) upload(e.target.files[0]); });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault(); drop.classList.remove("over");
    if (e.dataTransfer.files[0]) upload(e.dataTransfer.files[0]);
  });
  $("download-xlsx").addEventListener("click", () => download("xlsx"));
  $("download-docx").addEventListener("click", () => download("docx"));
  $("download-zip").addEventListener("click", () => download("zip"));

  /* ---------------------------------------------------------------- 3. scales */
  function drawBands(s, value) {
    const box = $("bands");
    box.textContent = "";
    if (!s) return;
    const numeric = s.bands.every((b) => b.lower !== null || b.upper !== null);
    const bounds = s.bands.flatMap((b) => [b.lower, b.upper]).filter((x) => x !== null);
    const lo = numeric ? Math.min(...bounds) : 0, hi = numeric ? Math.max(...bounds) : s.bands.length;
    const ordered = [...s.bands].sort((a, b) => (a.lower ?? -Infinity) - (b.lower ?? -Infinity));
    ordered.forEach((b, i) => {
      const from = numeric ? (b.lower ?? lo) : i, to = numeric ? (b.upper ?? hi) : i + 1;
      const band = el("div", {class: "band", title: (b.interval || "") + " " + b.label});
      band.style.flexGrow = String(Math.max(to - from, (hi - lo) / 50));
      band.style.background = b.colour;
      band.appendChild(el("span", {class: "code"}, b.code));
      band.appendChild(el("span", {class: "interval"}, b.interval || b.label));
      box.appendChild(band);
    });
    if (numeric && value !== null && value !== undefined && value >= lo && value <= hi) {
      const mark = el("div", {class: "marker"});
      mark.style.left = ((value - lo) / (hi - lo) * 100) + "%";
      box.appendChild(mark);
    }
  }
  function chosen() { return scale($("scale").value); }
  api("/api/v1/scales").then((answer) => {
    if (!answer.ok) return;
    for (const s of answer.result.scales) {
      const option = el("option", {value: s.name}, s.name + " — " + s.title);
      if (s.name === "akip") option.selected = true;
      $("scale").appendChild(option);
    }
    chosen().then((s) => drawBands(s, null));
  });
  $("scale").addEventListener("change", () => { $("rating").textContent = ""; chosen().then((s) => drawBands(s, null)); });
  $("rate-button").addEventListener("click", () => {
    const name = $("scale").value;
    postJson("/api/v1/scales/" + encodeURIComponent(name) + "/rate", {values: [$("rate-value").value]})
      .then((answer) => {
        if (!answer.ok) { $("rating").textContent = answer.error.message; return; }
        const r = answer.result.ratings[0];
        $("rating").textContent = r.rated ? r.text + " → " + r.code + " (" + r.label + ")" : r.text + " → " + r.message;
        chosen().then((s) => drawBands(s, r.value));
      });
  });
})();
