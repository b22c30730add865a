// The catalogue browser: filters and sorting over every innovation, client-side, from the compact
// index in katalog/ (generator/search/browse_index.py). Progressive enhancement: the page already links to
// the regions, themes and agency kinds; this script adds the filter form when it runs.
// Filter state lives in the URL query, so a filtered view can be shared as a link.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL("../", script ? script.src : window.location.href);
  var PAGE_SIZE = 50;
  // URL parameter → dictionary name and row column (see COLUMNS in browse_index.py).
  var FILTERS = [
    { param: "provinsi", dict: "province" },
    { param: "daerah", dict: "region", column: 2 },
    { param: "perangkat", dict: "agency_kind", column: 9, many: true },
    { param: "tema", dict: "theme", column: 8, many: true },
    { param: "tahap", dict: "stage", column: 3 },
    { param: "jenis", dict: "kind", column: 4 },
    { param: "bentuk", dict: "form", column: 5 },
    { param: "status", dict: "status", column: 6 },
  ];

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, attrs[key]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Opened from the file system (the offline copy), browsers refuse fetch(); the index is then
  // shipped as scripts that hand their data to window.kidBrowseData.
  var offline = window.location.protocol === "file:";
  var waiting = {};
  window.kidBrowseData = function (name, data) {
    if (waiting[name]) waiting[name](data);
  };

  function fetchJson(path) {
    if (offline) {
      var name = path.split("/").pop();
      return new Promise(function (resolve, reject) {
        waiting[name] = resolve;
        var tag = document.createElement("script");
        tag.src = new URL(path.replace(/\.json$/, ".js"), base).href;
        tag.onerror = function () {
          reject(new Error(path));
        };
        document.head.appendChild(tag);
      });
    }
    return fetch(new URL(path, base).href).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return response.json();
    });
  }

  function Browser(root, labels, manifest) {
    this.root = root;
    this.labels = labels;
    this.manifest = manifest;
    this.dict = manifest.dict;
    this.rows = [];
    this.loaded = {};
    this.shown = PAGE_SIZE;
    this.state = this.readState();
    this.build();
  }

  Browser.prototype.readState = function () {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    FILTERS.concat([{ param: "tahun" }, { param: "q" }, { param: "urut" }]).forEach(function (f) {
      state[f.param] = params.get(f.param) || "";
    });
    return state;
  };

  Browser.prototype.writeState = function () {
    var params = new URLSearchParams();
    var state = this.state;
    Object.keys(state).forEach(function (key) {
      if (state[key]) params.set(key, state[key]);
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  };

  Browser.prototype.select = function (param, label, options, noAll) {
    var id = "kid-filter-" + param;
    var wrap = element("div", { class: "kid-filter" });
    wrap.appendChild(element("label", { for: id }, label));
    var select = element("select", { id: id, name: param });
    if (!noAll) select.appendChild(element("option", { value: "" }, this.labels.all));
    options.forEach(function (option) {
      select.appendChild(element("option", { value: option[0] }, option[1]));
    });
    select.value = this.state[param] || select.options[0].value;
    var self = this;
    select.addEventListener("change", function () {
      // The default sort is not written into the shared URL.
      self.state[param] = param === "urut" && select.value === "judul" ? "" : select.value;
      if (param === "provinsi") self.state.daerah = "";
      self.shown = PAGE_SIZE;
      self.update();
    });
    wrap.appendChild(select);
    return wrap;
  };

  Browser.prototype.build = function () {
    var labels = this.labels;
    var self = this;
    var form = element("form", { class: "kid-browse__form", role: "search", "aria-label": labels.filters });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    var textWrap = element("div", { class: "kid-filter kid-filter--text" });
    textWrap.appendChild(element("label", { for: "kid-filter-q" }, labels.text));
    var text = element("input", { id: "kid-filter-q", name: "q", type: "search", autocomplete: "off" });
    text.value = this.state.q;
    text.addEventListener("input", function () {
      self.state.q = text.value.trim();
      self.shown = PAGE_SIZE;
      self.update();
    });
    textWrap.appendChild(text);
    form.appendChild(textWrap);
    // On a phone the filters fold behind one button, so that the results start on the first screen.
    var fold = element("details", { class: "kid-browse__fold" });
    if (window.matchMedia("(min-width: 60em)").matches) fold.open = true;
    this.foldLabel = element("summary", { class: "kid-browse__toggle" }, labels.toggle);
    fold.appendChild(this.foldLabel);
    var selects = element("div", { class: "kid-browse__selects" });
    this.selects = {};
    FILTERS.forEach(function (f) {
      var wrap = self.select(f.param, labels[f.dict], self.options(f));
      self.selects[f.param] = wrap.querySelector("select");
      selects.appendChild(wrap);
    });
    this.yearSelect = this.select("tahun", labels.year, []);
    this.selects.tahun = this.yearSelect.querySelector("select");
    selects.appendChild(this.yearSelect);
    selects.appendChild(
      this.select("urut", labels.sort, [
        ["judul", labels.sort_title],
        ["tahun", labels.sort_year],
        ["daerah", labels.sort_region],
      ], true)
    );
    fold.appendChild(selects);
    form.appendChild(fold);
    this.root.appendChild(form);
    // The filters in force, each a button that removes it, and one that removes them all.
    this.chips = element("div", { class: "kid-browse__chips" });
    this.root.appendChild(this.chips);
    this.status = element("p", { class: "kid-browse__status", role: "status", "aria-live": "polite" });
    this.root.appendChild(this.status);
    this.list = element("ol", { class: "kid-browse__list" });
    this.root.appendChild(this.list);
    // Hidden until the list is known to be longer than a page; primary, for its contrast in both schemes.
    this.more = element("button", { type: "button", class: "md-button md-button--primary kid-browse__more" }, labels.more);
    this.more.hidden = true;
    this.more.addEventListener("click", function () {
      self.shown += PAGE_SIZE;
      self.render();
    });
    this.root.appendChild(this.more);
  };

  Browser.prototype.options = function (filter) {
    var values = this.dict[filter.dict];
    if (filter.dict === "region") {
      var province = this.provinceIndex();
      return values
        .filter(function (r) {
          return province < 0 || r[2] === province;
        })
        .map(function (r) {
          return [r[0], r[1]];
        });
    }
    return values.map(function (v) {
      return [v[0], v[1]];
    });
  };

  Browser.prototype.index = function (dict, value) {
    var values = this.dict[dict];
    for (var i = 0; i < values.length; i++) if (values[i][0] === value) return i;
    return -1;
  };

  Browser.prototype.provinceIndex = function () {
    return this.state.provinsi ? this.index("province", this.state.provinsi) : -1;
  };

  // Only the shards the current filter needs: one province, or all of them.
  Browser.prototype.load = function () {
    var province = this.provinceIndex();
    var self = this;
    var wanted = this.manifest.shards.filter(function (shard) {
      return province < 0 || shard.province === province;
    });
    return Promise.all(
      wanted.map(function (shard) {
        if (self.loaded[shard.file]) return self.loaded[shard.file];
        self.loaded[shard.file] = fetchJson("katalog/" + shard.file).then(function (data) {
          data.rows.forEach(function (row) {
            row.province = shard.province;
          });
          self.rows = self.rows.concat(data.rows);
          return data;
        });
        return self.loaded[shard.file];
      })
    );
  };

  // The tests of the filters in force, but the one named `except` (to count its options).
  Browser.prototype.tests = function (except) {
    var self = this;
    var state = this.state;
    var tests = [];
    var province = this.provinceIndex();
    if (province >= 0)
      tests.push(function (row) {
        return row.province === province;
      });
    FILTERS.forEach(function (f) {
      if (!f.column || !state[f.param] || f.param === except) return;
      var wanted = self.index(f.dict, state[f.param]);
      tests.push(function (row) {
        return f.many ? row[f.column].indexOf(wanted) >= 0 : row[f.column] === wanted;
      });
    });
    if (state.tahun && except !== "tahun")
      tests.push(function (row) {
        return String(row[7]) === state.tahun;
      });
    if (state.q) {
      var needle = state.q.toLocaleLowerCase("id");
      tests.push(function (row) {
        return row[0].toLocaleLowerCase("id").indexOf(needle) >= 0;
      });
    }
    return tests;
  };

  Browser.prototype.passing = function (tests) {
    return this.rows.filter(function (row) {
      return tests.every(function (test) {
        return test(row);
      });
    });
  };

  Browser.prototype.matches = function () {
    var found = this.passing(this.tests());
    var regions = this.dict.region;
    var byTitle = function (a, b) {
      return a[0].localeCompare(b[0], "id") || (a[1] < b[1] ? -1 : 1);
    };
    var sorts = {
      judul: byTitle,
      tahun: function (a, b) {
        return (b[7] || 0) - (a[7] || 0) || byTitle(a, b);
      },
      daerah: function (a, b) {
        return regions[a[2]][1].localeCompare(regions[b[2]][1], "id") || byTitle(a, b);
      },
    };
    return found.sort(sorts[this.state.urut] || byTitle);
  };

  // Beside each option, how many innovations it would show with the other filters as they are;
  // options that would show none are disabled (the chosen one stays, so it can be seen and undone).
  // Provinces count from the index's manifest: the rows of other provinces are not loaded.
  Browser.prototype.refreshCounts = function () {
    var self = this;
    var shardCount = {};
    this.manifest.shards.forEach(function (shard) {
      shardCount[shard.province] = (shardCount[shard.province] || 0) + shard.count;
    });
    Object.keys(this.selects).forEach(function (param) {
      var select = self.selects[param];
      var filter = FILTERS.filter(function (f) {
        return f.param === param;
      })[0];
      var counts = {};
      if (param === "provinsi") {
        self.dict.province.forEach(function (p, n) {
          counts[p[0]] = shardCount[n] || 0;
        });
      } else {
        self.passing(self.tests(param)).forEach(function (row) {
          var values = param === "tahun" ? [row[7]] : filter.many ? row[filter.column] : [row[filter.column]];
          values.forEach(function (v) {
            var key = param === "tahun" ? String(v) : self.dict[filter.dict][v][0];
            counts[key] = (counts[key] || 0) + 1;
          });
        });
      }
      for (var i = 1; i < select.options.length; i++) {
        var option = select.options[i];
        if (!option.dataset.label) option.dataset.label = option.textContent;
        var n = counts[option.value] || 0;
        option.textContent = option.dataset.label + " (" + n + ")";
        option.disabled = n === 0 && option.value !== select.value;
      }
    });
  };

  Browser.prototype.refreshChips = function () {
    var self = this;
    var labels = this.labels;
    this.chips.textContent = "";
    var active = 0;
    Object.keys(this.selects).forEach(function (param) {
      var select = self.selects[param];
      if (!self.state[param]) return;
      active += 1;
      var name = select.labels[0].textContent + ": " + (select.selectedOptions[0].dataset.label || select.value);
      var chip = element("button", { type: "button", class: "kid-browse__chip", "aria-label": labels.remove.replace("{name}", name) }, name + " ×");
      chip.addEventListener("click", function () {
        self.clear([param]);
      });
      self.chips.appendChild(chip);
    });
    if (active) {
      var reset = element("button", { type: "button", class: "kid-browse__reset" }, labels.reset);
      reset.addEventListener("click", function () {
        self.clear(Object.keys(self.selects));
      });
      this.chips.appendChild(reset);
    }
    this.foldLabel.textContent = labels.toggle + (active ? " (" + labels.active.replace("{n}", active) + ")" : "");
  };

  Browser.prototype.clear = function (params) {
    var self = this;
    params.forEach(function (param) {
      self.state[param] = "";
      self.selects[param].value = "";
    });
    this.shown = PAGE_SIZE;
    this.update();
  };

  Browser.prototype.refreshYears = function () {
    var years = {};
    this.rows.forEach(function (row) {
      if (row[7]) years[row[7]] = true;
    });
    var select = this.yearSelect.querySelector("select");
    var current = this.state.tahun;
    while (select.options.length > 1) select.remove(1);
    Object.keys(years)
      .sort()
      .reverse()
      .forEach(function (year) {
        select.appendChild(element("option", { value: year }, year));
      });
    select.value = current;
  };

  Browser.prototype.refreshRegions = function () {
    var select = this.root.querySelector("#kid-filter-daerah");
    var current = this.state.daerah;
    while (select.options.length > 1) select.remove(1);
    this.options({ dict: "region" }).forEach(function (option) {
      select.appendChild(element("option", { value: option[0] }, option[1]));
    });
    select.value = current;
  };

  Browser.prototype.render = function () {
    var found = this.found;
    var labels = this.labels;
    var dict = this.dict;
    this.list.textContent = "";
    found.slice(0, this.shown).forEach(function (row) {
      var item = element("li", { class: "kid-browse__item" });
      item.appendChild(element("a", { href: new URL(row[1], base).href }, row[0]));
      var meta = [dict.region[row[2]][1], dict.stage[row[3]][1]];
      if (row[7]) meta.push(String(row[7]));
      if (dict.status[row[6]][0] !== "active") meta.push(dict.status[row[6]][1]);
      item.appendChild(element("span", { class: "kid-browse__meta" }, " — " + meta.join(" · ")));
      this.list.appendChild(item);
    }, this);
    var count = labels.count.replace("{n}", found.length).replace("{total}", this.manifest.count);
    this.status.textContent = found.length ? count : count + ". " + labels.none;
    this.more.hidden = found.length <= this.shown;
  };

  Browser.prototype.update = function () {
    var self = this;
    this.writeState();
    this.refreshRegions();
    return this.load().then(function () {
      self.refreshYears();
      self.refreshCounts();
      self.refreshChips();
      self.found = self.matches();
      self.render();
    });
  };

  function start() {
    var root = document.querySelector("[data-kid-browse]");
    if (!root || root.hasAttribute("data-kid-mounted")) return;
    root.setAttribute("data-kid-mounted", "");
    var labels = JSON.parse(document.getElementById("kid-browse-labels").textContent);
    fetchJson("katalog/index.json")
      .then(function (manifest) {
        var browser = new Browser(root, labels, manifest);
        root.hidden = false;
        var fallback = document.querySelector(".kid-browse__fallback");
        if (fallback) fallback.hidden = true;
        return browser.update();
      })
      .catch(function () {
        root.hidden = false;
        root.textContent = labels.failed;
      });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
