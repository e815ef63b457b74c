/*
 * Keyboard controls for the static Plotly figures.
 *
 * Plotly's own sliders cannot be reached or moved with the keyboard
 * (plotly.js issues #562 and #6940).  For every figure whose layout has
 * `sliders`, this script adds a small form right after the figure with one
 * labelled <input type="range"> per Plotly slider.  Moving an input applies
 * the same precomputed step that Plotly's slider would apply, and every input
 * follows the Plotly sliders when they are moved with the mouse (or reset by
 * another slider's step).
 *
 * Vanilla JavaScript, no network.  The book loads this file on every page;
 * on pages without Plotly it does nothing.
 */
(function () {
  "use strict";

  var FORM_CLASS = "a11y-sliders";
  var POLL_MS = 50;
  var MAX_POLLS = 600; // give up after about 30 s (a figure that never draws)

  function sliderLabel(slider, k) {
    var prefix = slider.currentvalue && slider.currentvalue.prefix;
    if (typeof prefix === "string" && prefix.replace(/[:\s]+$/, "")) {
      return prefix.replace(/\s*:\s*$/, "");
    }
    return slider.name || "slider " + (k + 1);
  }

  function stepLabel(slider, idx) {
    var step = slider.steps[idx];
    if (!step) return "";
    return String(step.label !== undefined ? step.label : step.value !== undefined ? step.value : idx);
  }

  // Apply one step exactly as Plotly's slider does (same method, same arguments).
  function applyStep(gd, step) {
    var a = step.args || [];
    switch (step.method) {
      case "update":
        return window.Plotly.update(gd, a[0], a[1], a[2]);
      case "restyle":
        return window.Plotly.restyle(gd, a[0], a[1], a[2]);
      case "relayout":
        return window.Plotly.relayout(gd, a[0]);
      case "animate":
        return window.Plotly.animate(gd, a[0], a[1]);
      default: // "skip": nothing to apply
        return Promise.resolve();
    }
  }

  // Where the form goes: after plotly.py's fixed-height wrapper, or after the figure itself.
  function anchorOf(gd) {
    var parent = gd.parentElement;
    if (parent && parent.style && parent.style.height && parent.children.length <= 2) {
      return parent;
    }
    return gd;
  }

  function enhance(gd) {
    if (gd.dataset.a11ySliders) return;
    var sliders = gd.layout.sliders || [];
    if (!sliders.length) return;
    gd.dataset.a11ySliders = "1";

    var base = gd.id || "plotly-figure-" + Math.random().toString(36).slice(2, 9);
    var form = document.createElement("form");
    form.className = FORM_CLASS;
    form.setAttribute("data-figure", base);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
    });
    var fieldset = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = sliders.length > 1 ? "Figure controls (keyboard)" : "Figure control (keyboard)";
    fieldset.appendChild(legend);
    form.appendChild(fieldset);

    var inputs = [];
    var busy = false;
    var queued = null;

    function refresh() {
      var current = gd.layout.sliders || [];
      inputs.forEach(function (entry, k) {
        var s = current[k];
        if (!s) return;
        var active = s.active || 0;
        if (String(entry.input.value) !== String(active)) entry.input.value = String(active);
        var text = stepLabel(s, active);
        entry.input.setAttribute("aria-valuetext", text);
        entry.readout.textContent = text;
      });
    }

    function run(k, idx) {
      if (busy) {
        queued = [k, idx]; // keep only the latest request while a redraw is running
        return;
      }
      var slider = gd.layout.sliders[k];
      var step = slider && slider.steps[idx];
      if (!step) return;
      busy = true;
      var relayout = {};
      relayout["sliders[" + k + "].active"] = idx;
      Promise.resolve(applyStep(gd, step))
        .then(function () {
          return window.Plotly.relayout(gd, relayout);
        })
        .catch(function (err) {
          if (window.console) console.error("a11y-sliders: " + err);
        })
        .then(function () {
          busy = false;
          refresh();
          if (queued) {
            var next = queued;
            queued = null;
            run(next[0], next[1]);
          }
        });
    }

    sliders.forEach(function (slider, k) {
      var id = base + "-a11y-slider-" + k;
      var row = document.createElement("div");
      row.className = "a11y-slider-row";
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = sliderLabel(slider, k);
      var input = document.createElement("input");
      input.type = "range";
      input.id = id;
      input.min = "0";
      input.max = String(slider.steps.length - 1);
      input.step = "1";
      input.value = String(slider.active || 0);
      input.setAttribute("data-slider-index", String(k));
      var readout = document.createElement("span");
      readout.className = "a11y-slider-readout";
      readout.setAttribute("aria-hidden", "true"); // the input's aria-valuetext already says it
      input.addEventListener("input", function () {
        var idx = parseInt(input.value, 10);
        var text = stepLabel(gd.layout.sliders[k], idx);
        input.setAttribute("aria-valuetext", text);
        readout.textContent = text;
        run(k, idx);
      });
      row.appendChild(label);
      row.appendChild(input);
      row.appendChild(readout);
      fieldset.appendChild(row);
      inputs.push({ input: input, readout: readout });
    });

    var anchor = anchorOf(gd);
    anchor.parentNode.insertBefore(form, anchor.nextSibling);
    refresh();

    // Follow the Plotly sliders (mouse) and any step that resets the other sliders.
    if (typeof gd.on === "function") {
      gd.on("plotly_sliderchange", refresh);
      gd.on("plotly_relayout", refresh);
      gd.on("plotly_update", refresh);
      gd.on("plotly_redraw", refresh);
    }
  }

  function whenDrawn(gd, tries) {
    // Figures are created by inline scripts while the page loads; wait until Plotly has drawn this one.
    if (gd.layout && gd._fullLayout && typeof gd.on === "function") {
      enhance(gd);
    } else if (tries < MAX_POLLS) {
      window.setTimeout(function () {
        whenDrawn(gd, tries + 1);
      }, POLL_MS);
    }
  }

  function start() {
    if (!window.Plotly) return;
    var figures = document.querySelectorAll("div.plotly-graph-div");
    for (var i = 0; i < figures.length; i++) whenDrawn(figures[i], 0);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
