// The standalone map page: pan and zoom by changing the SVG's viewBox, and a side panel
// that shows a clicked claim. Claim text reaches the page only through textContent.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var viewport = document.getElementById("argmap-viewport");
  var svg = viewport.querySelector("svg");
  var detail = document.getElementById("argmap-detail");
  var hint = document.getElementById("argmap-hint");
  var box = svg.viewBox.baseVal;
  var full = { x: box.x, y: box.y, w: box.width, h: box.height };
  var view = { x: full.x, y: full.y, w: full.w, h: full.h };
  var MIN_WIDTH = full.w / 25;
  var MAX_WIDTH = full.w * 4;
  var nodes = {};

  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  Array.prototype.forEach.call(svg.querySelectorAll("g.node"), function (node) {
    var title = node.querySelector("title");
    if (title && data.claims[title.textContent]) {
      nodes[title.textContent] = node;
    }
  });

  function apply() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
  }

  function toMap(clientX, clientY) {
    var matrix = svg.getScreenCTM();
    if (!matrix) {
      return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    }
    var point = svg.createSVGPoint();
    point.x = clientX;
    point.y = clientY;
    return point.matrixTransform(matrix.inverse());
  }

  function zoom(factor, centre) {
    var width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, view.w / factor));
    var scale = width / view.w;
    var c = centre || { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    view.x = c.x - (c.x - view.x) * scale;
    view.y = c.y - (c.y - view.y) * scale;
    view.w = width;
    view.h = view.h * scale;
    apply();
  }

  function fit() {
    view = { x: full.x, y: full.y, w: full.w, h: full.h };
    apply();
  }

  // Where the page opens: the whole map when it can be read whole (at 0.6 pixel to a unit
  // of the map or more); otherwise at a pixel to a unit, the map's top in view and its
  // focus claim (the page's thesis, or the headline thesis) in the middle. "Fit" still
  // shows the whole map.
  var READABLE = 0.6;
  var LEGIBLE = 1;
  function start() {
    var rect = svg.getBoundingClientRect();
    var node = data.focus ? nodes[data.focus] : null;
    var fitted = Math.min(rect.width / full.w, rect.height / full.h);
    var screen = svg.getScreenCTM();
    if (!node || !(fitted < READABLE) || !screen || !node.getScreenCTM()) {
      fit();
      return;
    }
    var w = Math.min(full.w, rect.width / LEGIBLE);
    var h = Math.min(full.h, rect.height / LEGIBLE);
    var box = node.getBBox();
    var point = svg.createSVGPoint();
    point.x = box.x + box.width / 2;
    point.y = box.y;
    var centre = point.matrixTransform(screen.inverse().multiply(node.getScreenCTM()));
    var x = Math.max(full.x, Math.min(full.x + full.w - w, centre.x - w / 2));
    var y = Math.max(full.y, Math.min(full.y + full.h - h, centre.y - h * 0.1));
    view = { x: x, y: y, w: w, h: h };
    apply();
  }

  function pan(dx, dy) {
    view.x += dx;
    view.y += dy;
    apply();
  }

  function unitsPerPixel() {
    var rect = svg.getBoundingClientRect();
    return Math.max(view.w / Math.max(rect.width, 1), view.h / Math.max(rect.height, 1));
  }

  viewport.addEventListener("wheel", function (event) {
    event.preventDefault();
    zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, toMap(event.clientX, event.clientY));
  }, { passive: false });

  var drag = null;
  var dragged = false;
  viewport.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) {
      return;
    }
    drag = { x: event.clientX, y: event.clientY, id: event.pointerId };
    dragged = false;
  });
  viewport.addEventListener("pointermove", function (event) {
    if (!drag || event.pointerId !== drag.id) {
      return;
    }
    var dx = event.clientX - drag.x;
    var dy = event.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 4) {
      return;
    }
    if (!dragged) {
      dragged = true;
      viewport.setPointerCapture(event.pointerId);
      viewport.classList.add("argmap-dragging");
    }
    var k = unitsPerPixel();
    pan(-dx * k, -dy * k);
    drag.x = event.clientX;
    drag.y = event.clientY;
  });
  function endDrag() {
    drag = null;
    viewport.classList.remove("argmap-dragging");
  }
  viewport.addEventListener("pointerup", endDrag);
  viewport.addEventListener("pointercancel", endDrag);

  viewport.addEventListener("keydown", function (event) {
    var step = 40 * unitsPerPixel();
    var keys = {
      "+": function () { zoom(1.2); },
      "=": function () { zoom(1.2); },
      "-": function () { zoom(1 / 1.2); },
      "0": fit,
      ArrowLeft: function () { pan(-step, 0); },
      ArrowRight: function () { pan(step, 0); },
      ArrowUp: function () { pan(0, -step); },
      ArrowDown: function () { pan(0, step); }
    };
    if (keys[event.key] && !(event.target.closest && event.target.closest("a"))) {
      event.preventDefault();
      keys[event.key]();
    }
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-zoom]"), function (button) {
    button.addEventListener("click", function () {
      var what = button.getAttribute("data-zoom");
      if (what === "in") { zoom(1.4); } else if (what === "out") { zoom(1 / 1.4); } else { fit(); }
    });
  });

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function fill(selector, items, make) {
    var list = detail.querySelector(selector);
    list.textContent = "";
    items.forEach(function (item) { list.appendChild(make(item)); });
    list.parentNode.hidden = items.length === 0;
  }

  function sourceItem(source) {
    var li = el("li");
    if (source.quote) {
      li.appendChild(el("blockquote", "\u201c" + source.quote + "\u201d"));
    }
    var cite;
    if (source.url && /^https?:\/\//i.test(source.url)) {
      cite = el("a", source.title);
      cite.href = source.url;
      cite.rel = "noopener noreferrer";
    } else {
      cite = el("cite", source.title);
    }
    li.appendChild(cite);
    var more = [source.by, source.locator].filter(Boolean).join(", ");
    if (more) {
      li.appendChild(document.createTextNode(" \u2014 " + more));
    }
    return li;
  }

  var RELATIONS = [
    ["supports", "supports"], ["attacks", "attacks"], ["undercuts", "undercuts"],
    ["supported_by", "is supported by"], ["attacked_by", "is attacked by"], ["undercut_by", "is undercut by"]
  ];

  function relationItems(claim) {
    var items = [];
    RELATIONS.forEach(function (pair) {
      (claim[pair[0]] || []).forEach(function (other) {
        if (data.claims[other]) {
          items.push({ verb: pair[1], id: other });
        }
      });
    });
    return items;
  }

  function relationItem(item) {
    var li = el("li", item.verb + " ");
    var button = el("button", data.claims[item.id].title, "argmap-goto");
    button.type = "button";
    button.addEventListener("click", function () { select(item.id, true); });
    li.appendChild(button);
    return li;
  }

  function select(id, focus) {
    var claim = data.claims[id];
    if (!claim) {
      return;
    }
    Object.keys(nodes).forEach(function (key) {
      nodes[key].classList.remove("argmap-selected", "argmap-neighbour");
    });
    var related = relationItems(claim);
    related.forEach(function (item) { nodes[item.id].classList.add("argmap-neighbour"); });
    nodes[id].classList.add("argmap-selected");
    hint.hidden = true;
    detail.hidden = false;
    detail.setAttribute("data-claim", id);
    detail.querySelector(".argmap-kind").textContent = claim.kind;
    detail.querySelector("h2").textContent = claim.title;
    detail.querySelector(".argmap-text").textContent = claim.text;
    detail.querySelector(".argmap-text").hidden = claim.text === claim.title;
    var status = detail.querySelector(".argmap-status");
    if (claim.status) {
      var marks = {
        stands: "\u2714 ", falls: "\u2718 ", contested: "\u21c4 ", open: "? ",
        "not-assessed": "\u25cb ", accepted: "\u2714 ", rejected: "\u2718 ", undecided: "? "
      };
      var words = (marks[claim.status] || "") + claim.status;
      if (claim.strength !== null && claim.strength !== undefined) {
        words += " \u00b7 score " + Number(claim.strength).toFixed(2);
      }
      status.textContent = words + (claim.why ? " \u2014 " + claim.why : "");
      status.className = "argmap-status argmap-status-" + claim.status;
      status.hidden = false;
    } else {
      status.hidden = true;
    }
    detail.querySelector(".argmap-id").textContent = "id: " + claim.id + (claim.tags.length ? " \u00b7 tags: " + claim.tags.join(", ") : "");
    fill(".argmap-sources", claim.sources, sourceItem);
    fill(".argmap-relations", related, relationItem);
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#" + claim.anchor);
    }
    if (focus) {
      detail.querySelector("h2").focus();
    }
  }

  svg.addEventListener("click", function (event) {
    var node = event.target.closest ? event.target.closest("g.node") : null;
    if (dragged) {
      event.preventDefault();
      dragged = false;
      return;
    }
    if (!node) {
      return;
    }
    var title = node.querySelector("title");
    if (title && data.claims[title.textContent]) {
      event.preventDefault();
      select(title.textContent, false);
    }
  });

  start();
  // A claim named in the address is shown in the panel, not in the list below the map.
  var wanted = window.location.hash.slice(1);
  Object.keys(data.claims).forEach(function (id) {
    if (wanted && data.claims[id].anchor === wanted) {
      select(id, false);
      window.scrollTo(0, 0);
    }
  });
})();
