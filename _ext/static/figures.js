/*
 * The static figures of the book: drawn after the text, sliders that combine, keyboard controls,
 * a fit to narrow screens, and printing in the default state.
 *
 * Each figure arrives in the page as a box that reserves its height and a
 * <script type="application/json" class="course-figure-data"> holding the figure (widgets/display.py):
 * Plotly `data` and `layout` at the defaults, `layout.sliders` whose steps do nothing by themselves
 * (method "skip"), and `frames`: the model's patch for every combination of slider positions, with
 * `combine.frame_of[i]` the frame of combination i (row-major, the last slider fastest).
 *
 * 1. Text first.  plotly.js (the bundle named by this script tag's data-plotly-bundle, in the same
 *    folder) is loaded only when a figure comes within about a screen of the viewport or the reader
 *    starts to interact with the page (scroll, click, key, touch); the figures are then drawn, the
 *    nearest at once and the others when the browser is idle.  Until then each figure's box keeps its
 *    height, so the page does not jump.
 * 2. Sliders combine.  Moving one slider (mouse, touch or keyboard) keeps the others where they are:
 *    the positions of all sliders select the frame, applied with Plotly.update.
 * 3. Keyboard.  Plotly's sliders cannot be used from the keyboard (plotly.js #562, #6940), so a
 *    labelled <input type="range"> per slider follows the figure; it exists before plotly.js loads.
 * 4. Narrow screens.  After drawing, tick labels that overlap are thinned (every other one blanked),
 *    and an axis title or a readout wider than the figure is broken over two lines.
 * 5. Print.  Figures print at their defaults (the captions describe the defaults) and come back.
 *
 * No network beyond this site, no libraries of our own; it never throws into the page.
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var BUNDLE = (SCRIPT && SCRIPT.getAttribute("data-plotly-bundle")) || "plotly-basic.min.js";
  var BUNDLE_URL = SCRIPT ? new URL(BUNDLE, SCRIPT.src).href : BUNDLE;
  var FORM_CLASS = "a11y-sliders";
  var GAP_PX = 3; // two texts closer than this count as touching
  var NARROW_PX = 560;
  var SLIDER_INSET_PX = 48; // a figure narrower than this is on a phone: fonts shrink and the layout adapts
  var figures = [];
  var plotlyPromise = null;

  function log(err) {
    if (window.console) console.error("figures.js: " + (err && err.message ? err.message : err));
  }

  /* ---- plotly.js, loaded once, on demand ---------------------------------------------------- */

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyPromise) {
      plotlyPromise = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = BUNDLE_URL;
        s.async = true;
        s.onload = function () {
          resolve(window.Plotly);
        };
        s.onerror = function () {
          plotlyPromise = null;
          reject(new Error("could not load " + BUNDLE_URL));
        };
        document.head.appendChild(s);
      });
    }
    return plotlyPromise;
  }

  /* ---- one figure ----------------------------------------------------------------------------- */

  function Figure(dataScript) {
    this.payload = JSON.parse(dataScript.textContent);
    this.gd = document.getElementById(dataScript.getAttribute("data-figure"));
    this.box = dataScript.parentNode;
    var sliders = this.payload.layout.sliders || [];
    this.sizes = sliders.map(function (s) {
      return s.steps.length;
    });
    this.defaults = sliders.map(function (s) {
      return s.active || 0;
    });
    this.state = this.defaults.slice();
    this.drawn = false;
    this.drawing = null;
    this.busy = false;
    this.queued = false;
    this.original = {}; // layout texts before fitting to a narrow screen
    this.inputs = [];
    this.makeControls();
  }

  Figure.prototype.sliders = function () {
    return this.payload.layout.sliders || [];
  };

  Figure.prototype.frameFor = function (state) {
    var index = 0;
    for (var k = 0; k < state.length; k++) index = index * this.sizes[k] + state[k];
    var combine = this.payload.combine || {};
    var frames = this.payload.frames || [];
    var which = combine.frame_of ? combine.frame_of[index] : undefined;
    return which === undefined ? null : frames[which];
  };

  Figure.prototype.makeControls = function () {
    var self = this;
    var sliders = this.sliders();
    if (!sliders.length) return;
    var form = document.createElement("form");
    form.className = FORM_CLASS;
    form.setAttribute("data-figure", this.gd.id);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
    });
    var fieldset = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = sliders.length > 1 ? "Figure controls (keyboard)" : "Figure control (keyboard)";
    fieldset.appendChild(legend);
    form.appendChild(fieldset);
    sliders.forEach(function (slider, k) {
      var id = self.gd.id + "-a11y-slider-" + k;
      var row = document.createElement("div");
      row.className = "a11y-slider-row";
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = (slider.currentvalue && slider.currentvalue.prefix
        ? slider.currentvalue.prefix.replace(/\s*:\s*$/, "")
        : slider.name) || "slider " + (k + 1);
      var input = document.createElement("input");
      input.type = "range";
      input.id = id;
      input.min = "0";
      input.max = String(slider.steps.length - 1);
      input.step = "1";
      input.setAttribute("data-slider-index", String(k));
      var readout = document.createElement("span");
      readout.className = "a11y-slider-readout";
      readout.setAttribute("aria-hidden", "true"); // the input's aria-valuetext already says it
      input.addEventListener("input", function () {
        self.state[k] = parseInt(input.value, 10);
        self.showState();
        self.request();
      });
      row.appendChild(label);
      row.appendChild(input);
      row.appendChild(readout);
      fieldset.appendChild(row);
      self.inputs.push({ input: input, readout: readout });
    });
    this.box.parentNode.insertBefore(form, this.box.nextSibling);
    this.showState();
    this.gd.setAttribute("data-a11y-sliders", "1");
  };

  Figure.prototype.showState = function () {
    var sliders = this.sliders();
    var state = this.state;
    this.inputs.forEach(function (entry, k) {
      var text = String(sliders[k].steps[state[k]].label);
      if (entry.input.value !== String(state[k])) entry.input.value = String(state[k]);
      entry.input.setAttribute("aria-valuetext", text);
      entry.readout.textContent = text;
    });
  };

  Figure.prototype.draw = function () {
    var self = this;
    if (this.drawing) return this.drawing;
    this.drawing = loadPlotly()
      .then(function (Plotly) {
        var layout = JSON.parse(JSON.stringify(self.payload.layout));
        return Plotly.newPlot(self.gd, self.payload.data, layout, self.payload.config || {});
      })
      .then(function () {
        self.drawn = true;
        self.gd.setAttribute("data-drawn", "1");
        self.gd.on("plotly_sliderchange", function (event) {
          var k = event && event.slider ? event.slider._index : -1;
          if (k < 0 || !event.interaction) return;
          self.state[k] = event.slider.active;
          self.showState();
          self.request();
        });
        var moved = self.state.some(function (v, k) {
          return v !== self.defaults[k];
        });
        return moved ? self.apply() : self.fit();
      })
      .catch(function (err) {
        self.drawing = null;
        log(err);
      });
    return this.drawing;
  };

  /* Apply the frame of the current slider positions, one redraw at a time (the latest wins). */
  Figure.prototype.request = function () {
    if (!this.drawn) return;
    if (this.busy) {
      this.queued = true;
      return;
    }
    var self = this;
    this.apply().then(function () {
      if (self.queued) {
        self.queued = false;
        self.request();
      }
    });
  };

  Figure.prototype.apply = function (state) {
    var self = this;
    state = state || this.state;
    var frame = this.frameFor(state);
    var Plotly = window.Plotly;
    if (!Plotly) return Promise.resolve();
    var data = {};
    var layout = {};
    if (frame) {
      (frame.data || []).forEach(function (trace, i) {
        Object.keys(trace).forEach(function (key) {
          if (!data[key]) data[key] = [];
          data[key][i] = trace[key];
        });
      });
      var patch = frame.layout || {};
      Object.keys(patch).forEach(function (key) {
        layout[key] = patch[key];
        delete self.original[key]; // the frame rewrote this text: fit it afresh
      });
    }
    var current = this.gd.layout.sliders || [];
    state.forEach(function (value, k) {
      if (!current[k] || current[k].active !== value) layout["sliders[" + k + "].active"] = value;
    });
    this.busy = true;
    this.gd.removeAttribute("data-fitted");
    return Promise.resolve(Plotly.update(this.gd, data, layout, frame ? frame.traces : undefined))
      .then(function () {
        return self.fit();
      })
      .catch(log)
      .then(function () {
        self.busy = false;
      });
  };

  /* ---- narrow screens ------------------------------------------------------------------------- */

  function box(el) {
    var r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
  }

  function touching(a, b) {
    return a.left < b.right + GAP_PX && b.left < a.right + GAP_PX && a.top < b.bottom && b.top < a.bottom;
  }

  /* The text with its longest line broken in two at the space nearest that line's middle (Plotly draws <br>
     as a new line); spaces inside a tag or inside bold text are left alone.  Null when it cannot be broken. */
  function wrapped(text) {
    if (typeof text !== "string") return null;
    var lines = text.split("<br>");
    var longest = 0;
    lines.forEach(function (line, i) {
      if (line.replace(/<[^>]*>/g, "").length > lines[longest].replace(/<[^>]*>/g, "").length) longest = i;
    });
    var line = lines[longest];
    var middle = line.length / 2;
    var best = -1;
    var inTag = false;
    var bold = 0;
    for (var i = 0; i < line.length; i++) {
      var c = line[i];
      if (c === "<") {
        inTag = true;
        if (line.substr(i, 3).toLowerCase() === "<b>") bold++;
        if (line.substr(i, 4).toLowerCase() === "</b>") bold--;
      } else if (c === ">") {
        inTag = false;
      } else if (c === " " && !inTag && bold === 0) {
        if (best < 0 || Math.abs(i - middle) < Math.abs(best - middle)) best = i;
      }
    }
    if (best < 0) return null;
    lines[longest] = line.slice(0, best) + "<br>" + line.slice(best + 1);
    return lines.join("<br>");
  }

  Figure.prototype.remember = function (key, value) {
    if (!(key in this.original)) this.original[key] = value;
  };

  /* Is the figure drawn narrower than its layout was designed for (a phone)? */
  Figure.prototype.isNarrow = function () {
    return this.gd.clientWidth > 0 && this.gd.clientWidth < NARROW_PX;
  };

  /* The layout changes a narrow figure starts from: the figure's own (payload.narrow), smaller fonts. */
  Figure.prototype.narrowLayout = function () {
    var update = {};
    var own = this.payload.narrow || {};
    Object.keys(own).forEach(function (key) {
      update[key] = own[key];
    });
    Object.keys(this.payload.layout).forEach(function (name) {
      if (/^[xy]axis\d*$/.test(name)) update[name + ".title.font.size"] = 13;
    });
    (this.payload.layout.sliders || []).forEach(function (slider, k) {
      update["sliders[" + k + "].currentvalue.font.size"] = 12;
    });
    if (!("font.size" in update)) update["font.size"] = 12;
    if (!("legend.font.size" in update)) update["legend.font.size"] = 11;
    return update;
  };

  /* Sliders as wide as the figure (on a phone the plot area alone leaves them too short to use). */
  Figure.prototype.fullWidthSliders = function () {
    var size = this.gd._fullLayout._size;
    var width = this.gd._fullLayout.width;
    var update = {};
    (this.gd.layout.sliders || []).forEach(function (slider, k) {
      // Inset so that the labels of the first and last steps stay inside the figure.
      update["sliders[" + k + "].x"] = (SLIDER_INSET_PX - size.l) / size.w;
      update["sliders[" + k + "].len"] = (width - 2 * SLIDER_INSET_PX) / size.w;
    });
    return update;
  };

  function textsIn(root, selector) {
    return Array.prototype.filter.call(root.querySelectorAll(selector), function (t) {
      return t.textContent && box(t).width > 0;
    });
  }

  /* The relayout that removes overlapping tick labels, too-wide titles and readouts, or null when all fit. */
  Figure.prototype.fitting = function () {
    var gd = this.gd;
    var figureBox = box(gd);
    var update = {};
    var self = this;
    // Tick labels of an axis with explicit labels: blank every other one until none touch.
    var byAxis = {};
    textsIn(gd, "g.xaxislayer-above text, g.yaxislayer-above text").forEach(function (t) {
      var m = /^([xy]\d*)tick$/.exec(t.parentNode.getAttribute("class") || "");
      if (m) (byAxis[m[1]] = byAxis[m[1]] || []).push(box(t));
    });
    Object.keys(byAxis).forEach(function (id) {
      var name = id[0] + "axis" + id.slice(1);
      var axis = gd.layout[name];
      if (!axis || !Array.isArray(axis.ticktext) || !axis.ticktext.length) return;
      var labels = byAxis[id].sort(function (a, b) {
        return id[0] === "x" ? a.left - b.left : a.top - b.top;
      });
      var clash = labels.some(function (b, i) {
        return i > 0 && touching(labels[i - 1], b);
      });
      if (!clash) return;
      var key = name + ".ticktext";
      self.remember(key, axis.ticktext.slice());
      var original = self.original[key];
      var shown = axis.ticktext.filter(function (t) {
        return t;
      }).length;
      var stride = Math.max(2, Math.ceil((original.length - 1) / Math.max(1, shown - 2)));
      update[key] = original.map(function (t, i) {
        return i % stride === 0 ? t : "";
      });
    });
    // Axis titles wider than the figure: two lines.
    Object.keys(gd.layout).forEach(function (name) {
      var m = /^([xy])axis(\d*)$/.exec(name);
      var axis = m && gd.layout[name];
      if (!axis || !axis.title || !axis.title.text) return;
      var el = gd.querySelector("g.g-" + m[1] + (m[2] || "") + "title text");
      if (!el) return;
      var b = box(el);
      var room = m[1] === "x" ? gd._fullLayout._size.w + 40 : gd._fullLayout._size.h;
      var clipped = b.left < figureBox.left || b.right > figureBox.right || b.top < figureBox.top;
      if ((m[1] === "x" ? b.width : b.height) > room || clipped) {
        var text = wrapped(axis.title.text);
        if (text) {
          self.remember(name + ".title.text", axis.title.text);
          update[name + ".title.text"] = text;
        }
      }
    });
    // Readouts (annotations) wider than the figure: two lines.
    var annotationEls = gd.querySelectorAll("g.annotation");
    (gd.layout.annotations || []).forEach(function (a, i) {
      var el = annotationEls[i];
      if (!el || !a.text) return;
      var b = box(el);
      if (b.right > figureBox.right + 1 || b.left < figureBox.left - 1) {
        var text = wrapped(a.text);
        if (text) {
          self.remember("annotations[" + i + "].text", a.text);
          update["annotations[" + i + "].text"] = text;
        }
      }
    });
    // Slider readouts wider than the figure: the label over two lines.
    gd.querySelectorAll("g.slider-group").forEach(function (group, k) {
      var slider = (gd.layout.sliders || [])[k];
      if (!slider || !slider.currentvalue || !slider.currentvalue.prefix) return;
      var clipped = textsIn(group, "text").some(function (t) {
        var b = box(t);
        return b.right > figureBox.right + 1 || b.left < figureBox.left - 1;
      });
      if (!clipped) return;
      var key = "sliders[" + k + "].currentvalue.prefix";
      var text = wrapped(slider.currentvalue.prefix.replace(/\s+$/, ""));
      if (text) {
        self.remember(key, slider.currentvalue.prefix);
        update[key] = text + " ";
      }
    });
    if (Object.keys(update).length) return update;
    return this.spacing();
  };

  /* Room between the plot and its sliders, and between the readouts and the legend, when texts grew. */
  Figure.prototype.spacing = function () {
    var gd = this.gd;
    var layout = gd.layout;
    var update = {};
    var sliderTexts = textsIn(gd, "g.slider-container text");
    var plotTexts = textsIn(gd, "g.xaxislayer-above text, g.infolayer g[class^='g-x'] text");
    if (sliderTexts.length && plotTexts.length) {
      var lowest = Math.max.apply(null, plotTexts.map(function (t) {
        return box(t).bottom;
      }));
      var top = Math.min.apply(null, sliderTexts.map(function (t) {
        return box(t).top;
      }));
      var push = Math.ceil(lowest + 6 - top);
      if (push > 0) {
        (layout.sliders || []).forEach(function (s, k) {
          update["sliders[" + k + "].pad.t"] = ((s.pad && s.pad.t) || 0) + push;
        });
        update.height = layout.height + push;
        update["margin.b"] = ((layout.margin && layout.margin.b) || 0) + push;
      }
    }
    var legendTexts = textsIn(gd, "g.legend text");
    var readouts = textsIn(gd, "g.annotation text");
    if (legendTexts.length && readouts.length && layout.legend && layout.legend.y > 1) {
      var overlap = 0;
      readouts.forEach(function (r) {
        var rb = box(r);
        legendTexts.forEach(function (l) {
          var lb = box(l);
          if (touching(rb, lb)) overlap = Math.max(overlap, rb.bottom - lb.top);
        });
      });
      if (overlap > 0) {
        var rise = Math.ceil(overlap + 4);
        update["legend.y"] = layout.legend.y + rise / gd._fullLayout._size.h;
        update.height = (update.height || layout.height) + rise;
        update["margin.t"] = ((layout.margin && layout.margin.t) || 0) + rise;
      }
    }
    return Object.keys(update).length ? update : null;
  };

  Figure.prototype.fit = function () {
    var self = this;
    var rounds = 0;
    var Plotly = window.Plotly;
    function step() {
      var update = self.drawn ? self.fitting() : null;
      if (!update || rounds++ > 8) return Promise.resolve();
      return Promise.resolve(Plotly.relayout(self.gd, update)).then(step);
    }
    var start = Promise.resolve();
    if (this.isNarrow() && !this.narrowed) {
      this.narrowed = true;
      start = Promise.resolve(Plotly.relayout(this.gd, this.narrowLayout())).then(function () {
        return Plotly.relayout(self.gd, self.fullWidthSliders());
      });
    }
    this.gd.removeAttribute("data-fitted");
    return start
      .then(step)
      .then(function () {
        self.box.style.minHeight = self.gd.layout.height + "px";
        self.gd.style.height = self.gd.layout.height + "px";
        self.gd.setAttribute("data-fitted", "1");
      })
      .catch(log);
  };

  /* After a resize: draw the figure afresh from its payload at the current slider positions, then fit. */
  Figure.prototype.refit = function () {
    if (!this.drawn || this.busy) return;
    var self = this;
    var wasNarrow = this.narrowed;
    if (!wasNarrow && !this.isNarrow() && !Object.keys(this.original).length) return;
    this.original = {};
    this.narrowed = false;
    var layout = JSON.parse(JSON.stringify(this.payload.layout));
    Promise.resolve(window.Plotly.react(this.gd, this.payload.data, layout, this.payload.config || {}))
      .then(function () {
        return self.apply();
      })
      .catch(log);
  };

  /* ---- the page ------------------------------------------------------------------------------- */

  function drawRest() {
    var idle = window.requestIdleCallback || function (fn) {
      return window.setTimeout(fn, 200);
    };
    figures.forEach(function (f) {
      if (!f.drawn)
        idle(function () {
          f.draw();
        });
    });
  }

  function drawAll() {
    return Promise.all(
      figures.map(function (f) {
        return f.draw();
      })
    );
  }

  var printed = [];

  function beforePrint() {
    printed = [];
    figures.forEach(function (f) {
      if (!f.drawn) return;
      var moved = f.state.some(function (v, k) {
        return v !== f.defaults[k];
      });
      if (moved) {
        printed.push({ figure: f, state: f.state.slice() });
        f.state = f.defaults.slice();
        f.showState();
        f.apply();
      }
    });
  }

  function afterPrint() {
    printed.forEach(function (p) {
      p.figure.state = p.state;
      p.figure.showState();
      p.figure.apply();
    });
    printed = [];
  }

  function start() {
    document.querySelectorAll("script.course-figure-data").forEach(function (el) {
      try {
        figures.push(new Figure(el));
      } catch (err) {
        log(err);
      }
    });
    if (!figures.length) return;
    window.CourseFigures = { drawAll: drawAll, figures: figures };
    var first = function (f) {
      return f.draw().then(drawRest);
    };
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(
        function (entries) {
          entries.forEach(function (entry) {
            if (!entry.isIntersecting) return;
            observer.unobserve(entry.target);
            figures.forEach(function (f) {
              if (f.box === entry.target) first(f);
            });
          });
        },
        { rootMargin: "100% 0px 100% 0px" }
      );
      figures.forEach(function (f) {
        observer.observe(f.box);
      });
    } else {
      drawAll().then(drawRest);
    }
    // A reader who starts to read (scrolls, clicks, types, touches) will meet the figures: draw them all when the
    // browser is idle, so that they are ready, also for printing.
    var events = ["scroll", "pointerdown", "keydown", "touchstart"];
    var onFirst = function (event) {
      // The theme scrolls its sidebar to the current chapter by itself; only the reader's scrolling counts.
      if (event.type === "scroll" && event.target !== document && event.target !== document.documentElement) return;
      events.forEach(function (name) {
        window.removeEventListener(name, onFirst, true);
      });
      loadPlotly().then(drawRest).catch(log);
    };
    events.forEach(function (name) {
      window.addEventListener(name, onFirst, { capture: true, passive: true });
    });
    var timer = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        figures.forEach(function (f) {
          f.refit();
        });
      }, 250);
    });
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", afterPrint);
  }

  try {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  } catch (err) {
    log(err);
  }
})();
