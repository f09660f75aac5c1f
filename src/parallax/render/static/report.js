// parallax report: links each fact of the table to its spans and sentences in every source.
// All text shown from the data goes through textContent, never innerHTML.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("parallax-data").textContent);
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var factsPane = document.querySelector(".facts-pane");
  var columnsPane = document.querySelector(".columns");
  var selectionBar = document.querySelector(".selection");
  var selected = [];

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function factIds(text) {
    return (text || "")
      .split(/\s+/)
      .map(function (part) { return Number(part); })
      .filter(function (id) { return isFact(id); });
  }

  function isFact(id) {
    return Number.isInteger(id) && id >= 0 && id < data.facts.length;
  }

  function visible(element) {
    return element.getClientRects().length > 0;
  }

  function scrollInto(scroller, target, where) {
    var box = scroller.getBoundingClientRect();
    var rect = target.getBoundingClientRect();
    var top = scroller.scrollTop + rect.top - box.top - scroller.clientHeight * where;
    scroller.scrollTo({ top: Math.max(0, top), behavior: reducedMotion ? "auto" : "smooth" });
  }

  function clearMarks() {
    all(".m.hl").forEach(function (el) { el.classList.remove("hl"); });
    all(".s.hl-s").forEach(function (el) { el.classList.remove("hl-s"); });
    all(".sel").forEach(function (el) {
      el.classList.remove("sel");
      el.setAttribute("aria-selected", "false");
    });
    all(".col").forEach(function (col) {
      col.classList.remove("has-hit", "no-hit");
      col.querySelector(".col-hits").textContent = "";
    });
  }

  function clearSelection() {
    selected = [];
    clearMarks();
    selectionBar.textContent = "";
    var hint = document.createElement("span");
    hint.className = "hint";
    hint.textContent = "Click a fact to see it in every source; click a marked span to find its fact.";
    selectionBar.appendChild(hint);
  }

  function markFact(id) {
    all('.m[data-f~="' + id + '"]').forEach(function (run) {
      run.classList.add("hl");
      var sentence = run.closest(".s");
      if (sentence) sentence.classList.add("hl-s");
    });
    all('tr.fact[data-fact="' + id + '"]').forEach(function (row) {
      row.classList.add("sel");
      row.setAttribute("aria-selected", "true");
    });
  }

  function markGroups(ids) {
    all("tr.group-head").forEach(function (head) {
      var members = factIds(head.getAttribute("data-facts"));
      var same = members.length === ids.length && members.every(function (id) { return ids.indexOf(id) >= 0; });
      if (same) {
        head.classList.add("sel");
        head.setAttribute("aria-selected", "true");
      }
    });
  }

  function showSelection(ids) {
    selectionBar.textContent = "";
    var reporting = [];
    ids.forEach(function (id, n) {
      var fact = data.facts[id];
      if (n) selectionBar.appendChild(document.createTextNode("  vs  "));
      var badge = document.createElement("span");
      badge.className = "badge st-" + fact.status;
      badge.textContent = fact.status;
      var label = document.createElement("span");
      label.className = "sel-label";
      label.textContent = " " + fact.kind + ": " + fact.label;
      selectionBar.appendChild(badge);
      selectionBar.appendChild(label);
      fact.sources.forEach(function (tag) { if (reporting.indexOf(tag) < 0) reporting.push(tag); });
    });
    var missing = data.sources.filter(function (tag) { return reporting.indexOf(tag) < 0; });
    var where = document.createElement("span");
    where.className = "sel-missing";
    where.textContent = " — in " + (reporting.join(", ") || "no source") +
      (missing.length ? "; not in " + missing.join(", ") : "");
    selectionBar.appendChild(where);
  }

  function scrollColumns() {
    var firstHit = null;
    var anyInView = false;
    var pane = columnsPane.getBoundingClientRect();
    all(".col").forEach(function (col) {
      var scroller = col.querySelector(".col-scroll");
      var hits = all(".m.hl", scroller).filter(visible);
      var sentences = new Set(hits.map(function (run) { return run.closest(".s") || run; }));
      col.classList.add(hits.length ? "has-hit" : "no-hit");
      col.querySelector(".col-hits").textContent = hits.length
        ? "in " + sentences.size + (sentences.size === 1 ? " sentence" : " sentences")
        : "not reported";
      if (!hits.length) return;
      scrollInto(scroller, hits[0], 0.3);
      firstHit = firstHit || col;
      var box = col.getBoundingClientRect();
      if (box.right > pane.left && box.left < pane.right) anyInView = true;
    });
    if (firstHit && !anyInView) {
      columnsPane.scrollTo({ left: firstHit.offsetLeft - columnsPane.offsetLeft, behavior: "auto" });
    }
  }

  function select(ids, fromText) {
    ids = ids.filter(isFact);
    if (!ids.length) return;
    clearMarks();
    selected = ids;
    ids.forEach(markFact);
    markGroups(ids);
    showSelection(ids);
    scrollColumns();
    if (fromText) {
      var row = document.querySelector('tr.fact[data-fact="' + ids[0] + '"]');
      if (row && !visible(row)) setFilter("all");
      if (row) scrollInto(factsPane, row, 0.35);
    }
  }

  function setFilter(kind) {
    factsPane.setAttribute("data-filter", kind);
    all(".filters button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-kind") === kind));
    });
  }

  function pressed(button, on) {
    button.setAttribute("aria-pressed", String(on));
  }

  function setLatin(col, on) {
    col.classList.toggle("latin", on);
    var button = col.querySelector(".tl-toggle");
    if (button) pressed(button, on);
  }

  function onRunClick(run) {
    var ids = factIds(run.getAttribute("data-f"));
    if (!ids.length) return;
    var current = selected.length === 1 ? ids.indexOf(selected[0]) : -1;
    // a span inside a quote belongs to several facts: each click moves to the next one
    select([ids[(current + 1) % ids.length]], true);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var run = target.closest(".col .m[data-f]");
    if (run) return onRunClick(run);
    var row = target.closest("tr.fact");
    if (row) return select(factIds(row.getAttribute("data-fact")), false);
    var head = target.closest("tr.group-head");
    if (head) return select(factIds(head.getAttribute("data-facts")), false);
    var fromSummary = target.closest(".sum-fact[data-fact], .sum-conflict[data-facts]");
    if (fromSummary) {
      return select(factIds(fromSummary.getAttribute("data-fact") || fromSummary.getAttribute("data-facts")), true);
    }
    var collapse = target.closest(".col-toggle");
    if (collapse) {
      var column = collapse.closest(".col");
      var open = column.classList.toggle("collapsed") === false;
      collapse.setAttribute("aria-expanded", String(open));
      return;
    }
    var toggle = target.closest(".tl-toggle");
    if (toggle) {
      var col = toggle.closest(".col");
      setLatin(col, !col.classList.contains("latin"));
      if (selected.length) scrollColumns();
      return;
    }
    var filter = target.closest(".filters button");
    if (filter) return setFilter(filter.getAttribute("data-kind"));
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") return clearSelection();
    if (event.key !== "Enter" && event.key !== " ") return;
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.matches("tr.fact")) {
      event.preventDefault();
      select(factIds(target.getAttribute("data-fact")), false);
    } else if (target.matches("tr.group-head")) {
      event.preventDefault();
      select(factIds(target.getAttribute("data-facts")), false);
    }
  });

  document.getElementById("toggle-latin").addEventListener("click", function () {
    var on = this.getAttribute("aria-pressed") !== "true";
    pressed(this, on);
    document.body.classList.toggle("latin-all", on);
    all(".col").forEach(function (col) { if (col.querySelector(".tl-toggle")) setLatin(col, on); });
    if (selected.length) scrollColumns();
  });

  document.getElementById("toggle-highlight").addEventListener("click", function () {
    var on = this.getAttribute("aria-pressed") !== "true";
    pressed(this, on);
    document.body.classList.toggle("mark-all", on);
  });

  document.getElementById("toggle-removed").addEventListener("click", function () {
    var on = this.getAttribute("aria-pressed") !== "true";
    pressed(this, on);
    document.body.classList.toggle("show-removed", on);
  });

  document.getElementById("clear-selection").addEventListener("click", clearSelection);

  var linked = /^#fact-(\d+)$/.exec(window.location.hash);
  if (linked) select([Number(linked[1])], true);
})();
