// 重層 console: progress for long work. A progressive enhancement only — without this script every form is a plain
// POST or GET and every download an ordinary link, as the pages are rendered on the server.
//
// <form data-busy="取り込んでいます…">: on submit the form is aria-busy, its submit buttons are disabled (after the browser
//   has read the form, so the pressed button's name and value are still sent) and the message shows with an
//   indeterminate <progress> in a role="status" region, which screen readers announce.
// <a data-download="作成しています…" href="…">: the file is fetched while the message shows, then saved under the name the
//   server gives it; an error is shown in Japanese, what happened and what to do, in a role="alert" region. An answer
//   that is not the file (e.g. the sign-in page) is left to the browser: the link is followed the ordinary way.
(() => {
  "use strict";

  const unreachable = {
    message: "システムに接続できません。",
    advice: "しばらく待ってからもう一度お試しください。続くときはシステム管理者に連絡してください。",
  };

  // The live region of a form or link, made when the page loads so that what is later written into it is announced.
  function regionOf(element) {
    if (element.busyRegion) return element.busyRegion;
    const region = document.createElement("div");
    region.className = "busy-status";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    if (element instanceof HTMLFormElement) {
      element.append(region);
    } else {
      const after = element.closest(".actions") || element;
      after.after(region);
    }
    element.busyRegion = region;
    return region;
  }

  function show(region, message) {
    const progress = document.createElement("progress");
    progress.setAttribute("aria-hidden", "true"); // the words say it; no value: indeterminate
    const text = document.createElement("span");
    text.textContent = message;
    region.replaceChildren(progress, text);
  }

  function say(region, message) {
    const text = document.createElement("span");
    text.textContent = message;
    region.replaceChildren(text);
  }

  function clearProblem(region) {
    if (region.problem) region.problem.remove();
    region.problem = null;
  }

  function fail(region, problem) {
    region.replaceChildren();
    clearProblem(region);
    const alert = document.createElement("div");
    alert.className = "problem";
    alert.setAttribute("role", "alert");
    const message = document.createElement("p");
    message.className = "problem-message";
    const strong = document.createElement("strong");
    strong.textContent = problem.message || unreachable.message;
    message.append(strong);
    const advice = document.createElement("p");
    advice.textContent = problem.advice || unreachable.advice;
    alert.append(message, advice);
    region.after(alert);
    region.problem = alert;
  }

  function submitButtons(form) {
    return form.querySelectorAll("button:not([type]), button[type=submit], input[type=submit]");
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-busy")) return;
    if (form.getAttribute("aria-busy") === "true") {
      event.preventDefault(); // sent once is enough
      return;
    }
    if (event.defaultPrevented) return;
    form.setAttribute("aria-busy", "true");
    show(regionOf(form), form.dataset.busy || "処理しています…");
    setTimeout(() => submitButtons(form).forEach((button) => { button.disabled = true; }), 0);
  });

  // Back to a page kept in the browser's cache: it is not busy any more.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-busy]").forEach((form) => {
      form.removeAttribute("aria-busy");
      submitButtons(form).forEach((button) => { button.disabled = false; });
      regionOf(form).replaceChildren();
    });
  });

  function fileName(response) {
    const disposition = response.headers.get("Content-Disposition") || "";
    const encoded = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(disposition);
    if (encoded) {
      try {
        return decodeURIComponent(encoded[1].trim());
      } catch {
        // fall through to the plain name
      }
    }
    const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
    return plain ? plain[1].trim() : null;
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = name;
    anchor.hidden = true;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  async function download(link) {
    const region = regionOf(link);
    clearProblem(region);
    link.setAttribute("aria-busy", "true");
    link.setAttribute("aria-disabled", "true");
    show(region, link.dataset.download || "作成しています…");
    try {
      const response = await fetch(link.href, {
        credentials: "same-origin",
        headers: { Accept: "text/csv, application/octet-stream, application/problem+json;q=0.9" },
      });
      const type = response.headers.get("Content-Type") || "";
      if (response.ok && !response.redirected && !type.startsWith("text/html")) {
        save(await response.blob(), fileName(response) || link.getAttribute("download") || "download");
        say(region, "ダウンロードしました。");
      } else if (!response.ok && type.includes("json")) {
        fail(region, await response.json());
      } else {
        region.replaceChildren();
        window.location.assign(link.href);
      }
    } catch {
      fail(region, unreachable);
    } finally {
      link.removeAttribute("aria-busy");
      link.removeAttribute("aria-disabled");
    }
  }

  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[data-download]") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (link.getAttribute("aria-busy") !== "true") download(link);
  });

  // The regions exist from the start, empty, so that screen readers announce what is written into them.
  function prepare() {
    document.querySelectorAll("form[data-busy], a[data-download]").forEach(regionOf);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", prepare);
  else prepare();
})();
