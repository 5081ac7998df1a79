/* poa-lint: what a highlighted word says. Shared by the page (poa-lint serve) and the HTML
   report (--format html), which inlines this file. Hovering a highlight, or focusing its code
   badge with the keyboard, shows the findings' messages and suggestions in a popover; a click
   keeps it open; Escape closes it. The popover copies the finding cards, so the words come
   from one place. No network, no dependencies. */
(function () {
  "use strict";
  var popover = null;
  var pinned = false;

  function cardsFor(element) {
    var keys = (element.getAttribute("data-findings") || element.getAttribute("data-finding") || "")
      .split(" ").filter(Boolean);
    return keys.map(function (key) { return document.getElementById(key); }).filter(Boolean);
  }

  function hide() {
    if (popover) { popover.remove(); popover = null; }
    pinned = false;
    var active = document.querySelectorAll("mark.hl.active, .card.active");
    for (var i = 0; i < active.length; i++) { active[i].classList.remove("active"); }
  }

  function show(element) {
    var cards = cardsFor(element);
    if (!cards.length) { return; }
    if (popover) { popover.remove(); }
    popover = document.createElement("div");
    popover.className = "popover";
    popover.setAttribute("role", "tooltip");
    popover.id = "poa-lint-popover";
    cards.forEach(function (card) {
      var copy = card.cloneNode(true);
      copy.removeAttribute("id");
      copy.removeAttribute("tabindex");
      popover.appendChild(copy);
    });
    document.body.appendChild(popover);
    var box = element.getBoundingClientRect();
    var top = window.scrollY + box.bottom + 6;
    var left = Math.max(8, Math.min(window.scrollX + box.left,
      window.scrollX + document.documentElement.clientWidth - popover.offsetWidth - 8));
    popover.style.top = top + "px";
    popover.style.left = left + "px";
    element.setAttribute("aria-describedby", popover.id);
  }

  function target(event) {
    var node = event.target;
    return node && node.closest ? node.closest("mark.hl, a.badge") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var element = target(event);
    if (element && !pinned) { show(element); }
  });
  document.addEventListener("mouseout", function (event) {
    var element = target(event);
    if (element && !pinned) {
      var to = event.relatedTarget;
      if (!to || !to.closest || !to.closest(".popover")) { hide(); }
    }
  });
  document.addEventListener("focusin", function (event) {
    var element = target(event);
    if (element) { pinned = false; show(element); }
  });
  document.addEventListener("focusout", function (event) {
    if (target(event) && !pinned) { hide(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); }
  });
  document.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("mark.hl") : null;
    if (mark) {
      hide();
      show(mark);
      pinned = true;
      mark.classList.add("active");
      cardsFor(mark).forEach(function (card) { card.classList.add("active"); });
      return;
    }
    var card = event.target.closest ? event.target.closest(".findings .card") : null;
    if (card && card.id && !(event.target.closest && event.target.closest("a"))) {
      hide();
      var marks = document.querySelectorAll("mark.hl");
      for (var i = 0; i < marks.length; i++) {
        var keys = (marks[i].getAttribute("data-findings") || "").split(" ");
        if (keys.indexOf(card.id) !== -1) {
          marks[i].scrollIntoView({ block: "center", behavior: "smooth" });
          marks[i].classList.add("active");
          card.classList.add("active");
          break;
        }
      }
      return;
    }
    if (!(event.target.closest && event.target.closest(".popover"))) { hide(); }
  });
})();
