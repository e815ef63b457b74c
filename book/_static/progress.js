/*
 * Reading progress, kept only in this browser.
 *
 * - Every chapter page that is opened is recorded (by its path inside the book).
 * - Every self-check quiz question that is answered is recorded (jupyterquiz draws each
 *   question in a div.Quiz; a multiple-choice answer is a label.MCButton that is clicked,
 *   a numeric or text answer is an input.Input-text submitted with Enter).
 * - A page with an element #course-progress (the introduction) shows a "Your progress"
 *   panel: every chapter listed in the book's navigation, opened or not, how many quiz
 *   questions were answered, and a button that resets the record.
 *
 * Chapters are the pages of the left navigation whose path contains "/step" or "intro",
 * so a new chapter appears in the panel as soon as it is in _toc.yml.
 * No libraries, no network: the record lives in localStorage and is never sent anywhere.
 * Every entry point is wrapped so that this script can never break a page, even when
 * localStorage is unavailable (private windows, storage switched off, file:// quirks).
 */
(function () {
  "use strict";

  var KEY = "ketamine-course-progress-v1";
  var PANEL_ID = "course-progress";
  var NAV_LINKS = "nav.bd-docs-nav a.reference.internal";
  var QUESTION = "div.Quiz";

  function safely(fn) {
    return function () {
      try {
        return fn.apply(this, arguments);
      } catch (e) {
        return undefined;
      }
    };
  }

  /* localStorage, or null when the browser refuses it. */
  function store() {
    try {
      var s = window.localStorage;
      var probe = KEY + "-probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }

  function load(s) {
    var data = null;
    try {
      data = JSON.parse(s.getItem(KEY) || "null");
    } catch (e) {
      data = null;
    }
    if (!data || typeof data !== "object" || !data.pages || typeof data.pages !== "object") {
      data = { pages: {} };
    }
    return data;
  }

  function save(s, data) {
    try {
      s.setItem(KEY, JSON.stringify(data));
    } catch (e) {
      /* storage full or refused: progress is simply not kept */
    }
  }

  /* The book's root folder, from Sphinx's data-content_root on <html>. */
  function siteRoot() {
    var root = document.documentElement.getAttribute("data-content_root") || "./";
    return new URL(root, window.location.href);
  }

  /* A page's path inside the book without ".html", e.g. "book/step01_brain_entry". */
  function pageKey(href) {
    var url = new URL(href, window.location.href);
    var path = decodeURIComponent(url.pathname);
    var rootPath = decodeURIComponent(siteRoot().pathname);
    if (path.indexOf(rootPath) === 0) {
      path = path.slice(rootPath.length);
    }
    if (path === "" || path.charAt(path.length - 1) === "/") {
      path += "index";
    }
    return path.replace(/\.html$/, "");
  }

  function isChapter(key) {
    return /(^|\/)step[^/]*$/.test(key) || /(^|\/)intro$/.test(key);
  }

  function entry(data, key) {
    var page = data.pages[key];
    if (!page || typeof page !== "object") {
      page = data.pages[key] = { opened: false, answered: [], questions: 0 };
    }
    if (!Array.isArray(page.answered)) {
      page.answered = [];
    }
    return page;
  }

  function questionCount() {
    return document.querySelectorAll(QUESTION).length;
  }

  function recordOpened() {
    var key = pageKey(window.location.href);
    if (!isChapter(key)) {
      return;
    }
    var s = store();
    if (!s) {
      return;
    }
    var data = load(s);
    var page = entry(data, key);
    page.opened = true;
    page.questions = Math.max(page.questions || 0, questionCount());
    save(s, data);
  }

  function recordAnswer(question) {
    var key = pageKey(window.location.href);
    var s = store();
    if (!s || !isChapter(key)) {
      return;
    }
    var all = Array.prototype.slice.call(document.querySelectorAll(QUESTION));
    var index = all.indexOf(question);
    if (index < 0) {
      return;
    }
    var data = load(s);
    var page = entry(data, key);
    page.opened = true;
    page.questions = Math.max(page.questions || 0, all.length);
    if (page.answered.indexOf(index) < 0) {
      page.answered.push(index);
      page.answered.sort(function (a, b) {
        return a - b;
      });
    }
    save(s, data);
  }

  /* Every chapter of the book, in navigation order: [{key, title, href}]. */
  function chapters() {
    var seen = {};
    var list = [];
    var links = document.querySelectorAll(NAV_LINKS);
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      var url = new URL(a.getAttribute("href") || "", window.location.href);
      url.hash = "";
      var key = pageKey(url.href);
      if (!isChapter(key) || seen[key]) {
        continue;
      }
      seen[key] = true;
      list.push({ key: key, title: (a.textContent || "").replace(/\s+/g, " ").trim(), href: url.href });
    }
    return list;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs) {
      if (Object.prototype.hasOwnProperty.call(attrs, name)) {
        node.setAttribute(name, attrs[name]);
      }
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function quizText(page) {
    var answered = page ? page.answered.length : 0;
    var total = page ? page.questions || 0 : 0;
    if (!answered) {
      return "quiz not answered yet";
    }
    if (total) {
      return "quiz: " + answered + " of " + total + " questions answered";
    }
    return "quiz: " + answered + (answered === 1 ? " question" : " questions") + " answered";
  }

  function render(message) {
    var panel = document.getElementById(PANEL_ID);
    if (!panel) {
      return;
    }
    panel.textContent = "";
    panel.classList.add("course-progress");
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-labelledby", PANEL_ID + "-title");
    panel.appendChild(el("h3", { id: PANEL_ID + "-title" }, "Your progress"));

    var s = store();
    if (!s) {
      panel.appendChild(
        el(
          "p",
          {},
          "This browser does not let the page save anything (for example in some private windows), " +
            "so your progress cannot be kept here."
        )
      );
      return;
    }
    panel.appendChild(
      el("p", {}, "Kept only in this browser, on this device; nothing is sent anywhere.")
    );

    var data = load(s);
    var list = el("ul", { class: "course-progress-list" });
    var items = chapters();
    for (var i = 0; i < items.length; i++) {
      var c = items[i];
      var page = data.pages[c.key];
      var opened = !!(page && page.opened);
      var answered = page && Array.isArray(page.answered) ? page.answered.length : 0;
      var li = el("li", {
        "data-page": c.key,
        "data-status": opened ? "opened" : "not-opened",
        "data-answered": String(answered),
      });
      li.appendChild(el("a", { href: c.href }, c.title));
      li.appendChild(document.createTextNode(": "));
      li.appendChild(
        el("span", { class: "course-progress-status" }, opened ? "\u2713 opened" : "not yet opened")
      );
      li.appendChild(document.createTextNode("; "));
      li.appendChild(
        el("span", { class: "course-progress-quiz" }, quizText(page && Array.isArray(page.answered) ? page : null))
      );
      list.appendChild(li);
    }
    panel.appendChild(list);

    var button = el(
      "button",
      { type: "button", id: PANEL_ID + "-reset", class: "btn btn-sm btn-outline-secondary" },
      "Reset my progress"
    );
    button.addEventListener(
      "click",
      safely(function () {
        var st = store();
        if (st) {
          st.removeItem(KEY);
        }
        render("Your progress has been reset.");
        var again = document.getElementById(PANEL_ID + "-reset");
        if (again) {
          again.focus();
        }
      })
    );
    panel.appendChild(button);
    panel.appendChild(el("p", { class: "course-progress-message", "aria-live": "polite" }, message || ""));
  }

  var onClick = safely(function (event) {
    var target = event.target;
    if (!target || !target.closest) {
      return;
    }
    var label = target.closest(QUESTION + " label.MCButton");
    if (label) {
      recordAnswer(label.closest(QUESTION));
    }
  });

  var onKey = safely(function (event) {
    if (event.key !== "Enter") {
      return;
    }
    var target = event.target;
    if (!target || !target.closest || !target.matches || !target.matches("input.Input-text")) {
      return;
    }
    var question = target.closest(QUESTION);
    if (question && String(target.value || "").trim() !== "") {
      recordAnswer(question);
    }
  });

  var start = safely(function () {
    recordOpened();
    render();
  });

  try {
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKey);
    /* Quizzes are drawn by inline scripts; count their questions again once everything is loaded. */
    window.addEventListener("load", safely(recordOpened));
    /* Coming back with the Back button shows a cached page: redraw the panel. */
    window.addEventListener(
      "pageshow",
      safely(function (event) {
        if (event.persisted) {
          render();
        }
      })
    );
    /* Another tab changed the record. */
    window.addEventListener(
      "storage",
      safely(function (event) {
        if (event.key === KEY || event.key === null) {
          render();
        }
      })
    );
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  } catch (e) {
    /* never break the page */
  }
})();
