/*
 * Figures print in their default state.
 *
 * print.css hides the Plotly sliders on paper, and each caption describes the figure at its
 * default settings.  If a reader has moved a slider, this puts the figure back to its
 * defaults just before printing and restores the reader's setting afterwards.
 * A static figure's sliders each reset the others to their defaults (widgets/figures/core.py),
 * so at most one slider is away from its default at any time, and re-applying one step of
 * that slider is enough.  No libraries of our own, no network; it never throws.
 */
(function () {
  "use strict";

  var defaults = typeof WeakMap === "function" ? new WeakMap() : null;
  var changed = [];

  function figures() {
    return Array.prototype.slice.call(document.querySelectorAll("div.plotly-graph-div"));
  }

  function sliders(gd) {
    return (gd && gd.layout && Array.isArray(gd.layout.sliders) && gd.layout.sliders) || [];
  }

  /* Remember each figure's slider positions as first drawn. */
  function remember() {
    if (!defaults) {
      return;
    }
    figures().forEach(function (gd) {
      var s = sliders(gd);
      if (s.length && !defaults.has(gd)) {
        defaults.set(
          gd,
          s.map(function (slider) {
            return slider.active || 0;
          })
        );
      }
    });
  }

  /* Apply step `index` of slider `k` (method "update", args [data, layout, traces]). */
  function applyStep(gd, k, index) {
    var slider = sliders(gd)[k];
    var step = slider && slider.steps && slider.steps[index];
    if (!step || step.method !== "update" || !window.Plotly) {
      return;
    }
    var args = step.args || [];
    var layout = {};
    var patch = args[1] || {};
    for (var name in patch) {
      if (Object.prototype.hasOwnProperty.call(patch, name)) {
        layout[name] = patch[name];
      }
    }
    layout["sliders[" + k + "].active"] = index;
    window.Plotly.update(gd, args[0] || {}, layout, args[2]);
  }

  function beforePrint() {
    changed = [];
    if (!defaults) {
      return;
    }
    figures().forEach(function (gd) {
      var initial = defaults.get(gd);
      if (!initial) {
        return;
      }
      sliders(gd).forEach(function (slider, k) {
        var now = slider.active || 0;
        if (now !== initial[k] && !changed.some(function (c) { return c.gd === gd; })) {
          changed.push({ gd: gd, k: k, active: now });
          applyStep(gd, k, initial[k]);
        }
      });
    });
  }

  function afterPrint() {
    var restore = changed;
    changed = [];
    restore.forEach(function (c) {
      applyStep(c.gd, c.k, c.active);
    });
  }

  function guard(fn) {
    return function () {
      try {
        fn();
      } catch (e) {
        /* printing must never fail because of this helper */
      }
    };
  }

  try {
    if (document.readyState === "complete") {
      guard(remember)();
    } else {
      window.addEventListener("load", guard(remember));
    }
    window.addEventListener("beforeprint", guard(beforePrint));
    window.addEventListener("afterprint", guard(afterPrint));
  } catch (e) {
    /* never break the page */
  }
})();
