// The catalogue's search box, mounted where a page asks for it ([data-kid-search]).
//
// The index (generator/search/search_index.py) is split so that a query downloads only what it needs: a
// small entry file, the postings of each query word's Indonesian stem (stemmed here as the index
// stemmed the pages, so "pelayanan" finds "layanan"), and the records of the results shown; while
// a word is being typed, also the vocabulary chunk that lists the longer words it begins. Progressive enhancement: without JavaScript the page keeps its links. Every
// text from the index is contributors' text: it is set as text, never as HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  var site = new URL("../", script ? script.src : window.location.href);
  var root = new URL("search-index/", site);
  // Words as the index splits them (generator/search/search_text.py: \w+ after NFC, lower-cased).
  var WORD = /[\p{L}\p{N}_]+/gu;
  var PAGE = 10;
  // The last word, while still being typed, also matches longer words: at most this many (the
  // most frequent), from at most this many vocabulary chunks, once it has this many letters.
  var PREFIX_WORDS = 6;
  var PREFIX_CHUNKS = 3;
  var PREFIX_FROM = 3;
  var DEFAULT_LABELS = {
    input: "Cari",
    placeholder: "Cari inovasi, daerah, perangkat daerah…",
    results: "{n} hasil untuk “{q}”",
    none: "Tidak ada hasil untuk “{q}”",
    more: "Tampilkan lebih banyak",
    error: "Pencarian tidak dapat dimuat. Coba lagi nanti.",
    kinds: "",
  };

  // What a result is, from the start of its address ("inovasi/=Inovasi|daerah/=Daerah|…").
  function kindOf(labels, url) {
    var found = "";
    labels.kinds.split("|").some(function (pair) {
      var parts = pair.split("=");
      if (parts.length === 2 && url.indexOf(parts[0]) === 0) found = parts[1];
      return found !== "";
    });
    return found;
  }

  // --- The Snowball Indonesian stemmer (snowballstem.org), as the index applies it -------------
  // Written from the algorithm's definition; tests/browser/test_search.py checks that it stems
  // every word of a built site as the Python package the index uses does.
  var VOWELS = "aeiou";

  function isVowel(c) {
    return c !== undefined && c.length === 1 && VOWELS.indexOf(c) >= 0;
  }

  // The first-order prefix (di-, ke-, me-, ter-, pe-…): the word without it, the position where
  // the rest begins (after the letter men-/mem-/pen-/pem- leave behind), and the prefix's kind.
  function firstOrder(w) {
    function nasal(length, kind) {
      if (length === 3 && w[2] === "n" && w[3] === "y" && isVowel(w[4])) {
        return { w: "s" + w.slice(4), at: 1, kind: kind };
      }
      if (length === 3 && w[2] === "m" && isVowel(w[3])) return { w: "p" + w.slice(3), at: 1, kind: kind };
      return { w: w.slice(length), at: 0, kind: kind };
    }
    if (/^meng/.test(w)) return nasal(4, 1);
    if (/^me[mn]/.test(w)) return nasal(3, 1);
    if (/^(me|di)/.test(w)) return nasal(2, 1);
    if (/^ter/.test(w)) return nasal(3, 1);
    if (/^peng/.test(w)) return nasal(4, 3);
    if (/^pe[mn]/.test(w)) return nasal(3, 3);
    if (/^ke/.test(w)) return nasal(2, 3);
    return null;
  }

  // The second-order prefix (per-, pe-, ber-, be-, pel-/bel- before "ajar") from position `at`.
  function secondOrder(w, at, kind) {
    var head = w.slice(at, at + 2);
    if (head !== "pe" && head !== "be") return null;
    var next = w[at + 2];
    var length = 2;
    if (next === "r" || (next === "l" && w.startsWith("ajar", at + 3))) length = 3;
    else if (head === "be" && !(next !== undefined && !isVowel(next) && w.startsWith("er", at + 3))) return null;
    if (head === "be") kind = 4;
    else if (!(next === "l" && length === 3)) kind = 2;
    return { w: w.slice(0, at) + w.slice(at + length), kind: kind };
  }

  // The suffix -kan, -an or -i, within the part of the word from position `from`.
  function suffix(w, from, kind) {
    var rest = w.slice(from);
    if (rest.endsWith("an")) {
      if (kind !== 3 && kind !== 2 && rest.length >= 3 && rest[rest.length - 3] === "k") return w.slice(0, -3);
      return kind === 1 ? null : w.slice(0, -2);
    }
    if (rest.endsWith("i")) {
      if (kind > 2 || (rest.length >= 2 && rest[rest.length - 2] === "s")) return null;
      return w.slice(0, -1);
    }
    return null;
  }

  function stem(word) {
    var w = word;
    var measure = 0;
    for (var i = 0; i < w.length; i++) if (isVowel(w[i])) measure++;
    if (measure <= 2) return w;
    var ending = /(kah|lah|pun)$/.exec(w);
    if (ending) {
      w = w.slice(0, -3);
      measure--;
    }
    if (measure <= 2) return w;
    ending = /(nya|ku|mu)$/.exec(w);
    if (ending) {
      w = w.slice(0, -ending[0].length);
      measure--;
    }
    if (measure <= 2) return w;
    var kind = 0;
    var first = firstOrder(w);
    var cut;
    if (first) {
      w = first.w;
      kind = first.kind;
      measure--;
      if (measure > 2 && (cut = suffix(w, first.at, kind)) !== null) {
        w = cut;
        measure--;
        var second = measure > 2 ? secondOrder(w, first.at, kind) : null;
        if (second) w = second.w;
      }
      return w;
    }
    var before = secondOrder(w, 0, kind);
    if (before) {
      w = before.w;
      kind = before.kind;
      measure--;
    }
    if (measure > 2 && (cut = suffix(w, 0, kind)) !== null) w = cut;
    return w;
  }

  var loaded = {};
  function json(url, options) {
    if (!loaded[url]) {
      loaded[url] = fetch(url, options).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      });
      loaded[url].catch(function () {
        delete loaded[url]; // a failed fetch is tried again by the next query
      });
    }
    return loaded[url];
  }

  // The entry names the folder of the current build's chunks: always asked of the server again
  // (a stale copy would name a folder the next build removed); the chunks never change.
  function entry() {
    return json(new URL("index.json", root).href, { cache: "no-cache" });
  }

  function chunk(index, name) {
    return json(new URL(index.folder + name + ".json", root).href);
  }

  // The chunk whose range holds `key`: the last one whose first key is not after it.
  function chunkOf(firsts, key) {
    var low = 0;
    var high = firsts.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (firsts[mid] <= key) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  function words(text) {
    return text.normalize("NFC").toLowerCase().match(WORD) || [];
  }

  // Vocabulary rows [word, stem, documents] of the words that begin with `start`.
  function vocabulary(index, start) {
    var first = chunkOf(index.words, start);
    var names = [first];
    for (var n = first + 1; n < index.words.length && names.length < PREFIX_CHUNKS; n++) {
      if (index.words[n].indexOf(start) !== 0) break;
      names.push(n);
    }
    return Promise.all(
      names.map(function (n) {
        return chunk(index, "w" + n);
      })
    ).then(function (parts) {
      return [].concat.apply([], parts).filter(function (row) {
        return row[0].indexOf(start) === 0;
      });
    });
  }

  // The stems a query word stands for: its own and, while it is being typed (`prefix`), those
  // of the most frequent words it begins.
  function stemsOf(index, word, prefix) {
    var own = stem(word);
    if (!prefix) return Promise.resolve([own]);
    return vocabulary(index, word).then(function (rows) {
      rows.sort(function (a, b) {
        return b[2] - a[2] || (a[0] < b[0] ? -1 : 1);
      });
      var stems = [own];
      rows.forEach(function (row) {
        if (stems.length < PREFIX_WORDS && stems.indexOf(row[1]) < 0) stems.push(row[1]);
      });
      return stems;
    });
  }

  // A stem's documents and scores, as a Map from document number to score.
  function postings(index, stem) {
    return chunk(index, "s" + chunkOf(index.stems, stem)).then(function (rows) {
      var scores = new Map();
      var row = rows.find(function (r) {
        return r[0] === stem;
      });
      if (!row) return scores;
      var doc = 0;
      for (var i = 0; i < row[1].length; i++) {
        doc += row[1][i];
        scores.set(doc, (row[2] * row[3][i]) / 255);
      }
      return scores;
    });
  }

  // Documents matching every word of the query, best first: [[document, score], …].
  function search(index, query) {
    var list = words(query);
    if (!list.length) return Promise.resolve([]);
    var typing = !/\s$/.test(query);
    return Promise.all(
      list.map(function (word, n) {
        var prefix = typing && n === list.length - 1 && word.length >= PREFIX_FROM;
        return stemsOf(index, word, prefix).then(function (stems) {
          return Promise.all(
            stems.map(function (stem) {
              return postings(index, stem);
            })
          ).then(function (maps) {
            // A word's forms are one word: a document scores by its best-matching form.
            var best = new Map();
            maps.forEach(function (map) {
              map.forEach(function (score, doc) {
                if (!(best.get(doc) >= score)) best.set(doc, score);
              });
            });
            return best;
          });
        });
      })
    ).then(function (perWord) {
      perWord.sort(function (a, b) {
        return a.size - b.size;
      });
      var total = [];
      perWord[0].forEach(function (score, doc) {
        for (var i = 1; i < perWord.length; i++) {
          var other = perWord[i].get(doc);
          if (other === undefined) return;
          score += other;
        }
        total.push([doc, score]);
      });
      total.sort(function (a, b) {
        return b[1] - a[1] || a[0] - b[0];
      });
      return total;
    });
  }

  function records(index, docs) {
    return Promise.all(
      docs.map(function (doc) {
        return chunk(index, "d" + Math.floor(doc / index.docChunk)).then(function (rows) {
          return rows[doc % index.docChunk];
        });
      })
    );
  }

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // `text` with each word that begins with a query word marked (as text nodes and <mark>s).
  function highlighted(text, query) {
    var wanted = words(query);
    var out = document.createDocumentFragment();
    var last = 0;
    text.replace(WORD, function (word, at) {
      var lower = word.normalize("NFC").toLowerCase();
      var hit = wanted.some(function (w) {
        return lower.indexOf(w) === 0;
      });
      if (hit) {
        out.appendChild(document.createTextNode(text.slice(last, at)));
        out.appendChild(element("mark", {}, word));
        last = at + word.length;
      }
      return word;
    });
    out.appendChild(document.createTextNode(text.slice(last)));
    return out;
  }

  function labelsOf(box) {
    var labels = {};
    Object.keys(DEFAULT_LABELS).forEach(function (key) {
      labels[key] = box.getAttribute("data-label-" + key) || DEFAULT_LABELS[key];
    });
    return labels;
  }

  function SearchBox(box, number) {
    var labels = labelsOf(box);
    var id = "kid-search-input-" + number;
    this.labels = labels;
    this.input = element("input", {
      id: id,
      type: "search",
      class: "kid-search__input",
      placeholder: labels.placeholder,
      autocomplete: "off",
      spellcheck: "false",
      enterkeyhint: "search",
    });
    this.status = element("p", { class: "kid-search__status", role: "status" });
    this.list = element("ol", { class: "kid-search__results" });
    this.more = element("button", { type: "button", class: "md-button kid-search__more", hidden: "" }, labels.more);
    box.appendChild(element("label", { for: id, class: "kid-search__label" }, labels.input));
    box.appendChild(this.input);
    box.appendChild(this.status);
    box.appendChild(this.list);
    box.appendChild(this.more);
    this.found = [];
    this.shown = 0;
    this.query = "";
    this.run = 0;
    var self = this;
    var timer = null;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        self.search(self.input.value);
      }, 200);
    });
    this.more.addEventListener("click", function () {
      self.show(self.run);
    });
    if (box.classList.contains("kid-search--page")) {
      var asked = new URLSearchParams(window.location.search).get("q");
      if (asked) {
        this.input.value = asked;
        this.search(asked);
      }
      this.input.focus();
    }
  }

  SearchBox.prototype.search = function (query) {
    var self = this;
    var run = ++this.run;
    this.query = query;
    this.found = [];
    this.shown = 0;
    if (!words(query).length) {
      this.list.textContent = "";
      this.status.textContent = "";
      this.more.hidden = true;
      return Promise.resolve();
    }
    return entry()
      .then(function (index) {
        return search(index, query).then(function (found) {
          if (run !== self.run) return;
          self.index = index;
          self.found = found;
          self.list.textContent = "";
          var label = found.length ? self.labels.results : self.labels.none;
          self.status.textContent = label.replace("{n}", found.length).replace("{q}", query.trim());
          return self.show(run);
        });
      })
      .catch(function () {
        if (run !== self.run) return;
        self.list.textContent = "";
        self.more.hidden = true;
        self.status.textContent = self.labels.error;
      });
  };

  SearchBox.prototype.show = function (run) {
    var self = this;
    var page = this.found.slice(this.shown, this.shown + PAGE);
    this.shown += page.length;
    this.more.hidden = this.shown >= this.found.length;
    var docs = page.map(function (hit) {
      return hit[0];
    });
    return records(this.index, docs).then(function (rows) {
      if (run !== self.run) return;
      rows.forEach(function (row) {
        var item = element("li", { class: "kid-search__result" });
        var kind = kindOf(self.labels, row[0]);
        if (kind) item.appendChild(element("span", { class: "kid-search__kind" }, kind));
        var link = element("a", { class: "kid-search__title", href: new URL(row[0], site).href }, row[1]);
        item.appendChild(link);
        var excerpt = element("p", { class: "kid-search__excerpt" });
        excerpt.appendChild(highlighted(row[2], self.query));
        item.appendChild(excerpt);
        self.list.appendChild(item);
      });
    });
  };

  function mount() {
    var boxes = document.querySelectorAll("[data-kid-search]:not([data-kid-mounted])");
    boxes.forEach(function (box, number) {
      box.setAttribute("data-kid-mounted", "");
      new SearchBox(box, number);
    });
  }

  // For tests/browser/test_search.py: the stemmer and the word splitter, as the box uses them.
  window.katalogSearch = { stem: stem, words: words };

  // Material's instant navigation swaps pages without a reload; mount on every page view.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
