// The catalogue's search box, mounted where a page asks for it ([data-kid-search]).
//
// The index (generator/search/search_index.py) is split so that a query downloads only what it needs: a
// small entry file, the postings of each query word's Indonesian stem (stemmed here as the index
// stemmed the pages, so "pelayanan" finds "layanan"), and the records of the results shown; while
// a word is being typed, also the vocabulary chunk that lists the longer words it begins; for a
// word the index does not have, the vocabulary chunks where it would be, to find words spelt
// almost alike ("comand" finds "command"). Results match any word of the query: those with every
// word first, then those with more before those with fewer. Progressive enhancement: without
// JavaScript the page keeps its links. Every text from the index is contributors' text: it is set
// as text, never as HTML.
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
  // A word the index does not have matches words at most one edit away (a letter left out, added,
  // changed, or two neighbours swapped) once it has FUZZY_ONE_FROM letters, two edits once it has
  // FUZZY_TWO_FROM: shorter words have too many neighbours one edit away ("desa", "dana", "dasa").
  var FUZZY_ONE_FROM = 5;
  var FUZZY_TWO_FROM = 8;
  // Similar words are looked for in the vocabulary chunk where the word would sort and the one on
  // each side (about 900 words), among those with the same first letter, so a typo costs at most
  // three small chunks more. This misses a slip in the first letter, and in a large vocabulary one
  // early in the word ("cmmand"), which sorts too far from the right word.
  var FUZZY_CHUNKS_AROUND = 1;
  // The closest words kept (then those on the most pages): each costs a postings chunk.
  var FUZZY_WORDS = 3;
  // A page matching a word by a similar spelling scores this share of an exact match, per edit:
  // a page that has what was typed comes before one that has a word like it.
  var FUZZY_SCORE = 0.5;
  // The labels of the box, from its data-label-* attributes. Those it needs only once it has an
  // answer ("some", "similar", "none", "browse", "propose") come with the index's entry.
  var DEFAULT_LABELS = {
    input: "Cari",
    placeholder: "Cari inovasi, daerah, perangkat daerah…",
    results: "{n} hasil untuk “{q}”",
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
  // Written from the algorithm's definition; tests/site/test_search_index.py checks that it stems
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

  // Optimal string alignment distance (Damerau–Levenshtein without editing a swapped pair again)
  // between `a` and `b`, or `most + 1` once it is known to be more than `most`.
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        row.push(value);
        if (value < smallest) smallest = value;
      }
      if (smallest > most) return most + 1;
      before = previous;
      previous = row;
    }
    return Math.min(previous[b.length], most + 1);
  }

  // The vocabulary rows [word, stem, documents, edits] of the words spelt almost like `word`:
  // closest first, then those on the most pages.
  function similar(index, word) {
    var most = word.length >= FUZZY_TWO_FROM ? 2 : word.length >= FUZZY_ONE_FROM ? 1 : 0;
    if (!most) return Promise.resolve([]);
    var at = chunkOf(index.words, word);
    var names = [];
    for (var n = at - FUZZY_CHUNKS_AROUND; n <= at + FUZZY_CHUNKS_AROUND; n++) {
      // A chunk whose words all begin with another letter is not fetched.
      var starts = n >= 0 && n < index.words.length && index.words[n][0] <= word[0];
      var ends = n + 1 >= index.words.length || index.words[n + 1][0] >= word[0];
      if (starts && ends) names.push(n);
    }
    return Promise.all(
      names.map(function (n) {
        return chunk(index, "w" + n);
      })
    ).then(function (parts) {
      var found = [];
      [].concat.apply([], parts).forEach(function (row) {
        if (row[0][0] !== word[0]) return;
        var edits = distance(word, row[0], most);
        if (edits <= most) found.push([row[0], row[1], row[2], edits]);
      });
      found.sort(function (a, b) {
        return a[3] - b[3] || b[2] - a[2] || (a[0] < b[0] ? -1 : 1);
      });
      return found;
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

  // The best score of each document among the stems' postings, each scaled by `factor`.
  function bestOf(index, stems, factor) {
    return Promise.all(
      stems.map(function (stem, n) {
        return postings(index, stem).then(function (map) {
          return [map, factor[n]];
        });
      })
    ).then(function (maps) {
      // A word's forms are one word: a document scores by its best-matching form.
      var best = new Map();
      maps.forEach(function (pair) {
        pair[0].forEach(function (score, doc) {
          score *= pair[1];
          if (!(best.get(doc) >= score)) best.set(doc, score);
        });
      });
      return best;
    });
  }

  function ones(list) {
    return list.map(function () {
      return 1;
    });
  }

  // A query word's documents and scores ({scores: Map, similar: [words]}): those of its stems
  // and, when none of its stems is in the index, those of the words spelt almost like it.
  function matches(index, word, prefix) {
    return stemsOf(index, word, prefix).then(function (stems) {
      return bestOf(index, stems, ones(stems)).then(function (scores) {
        if (scores.size) return { scores: scores, similar: [] };
        return similar(index, word).then(function (rows) {
          var kept = [];
          var stemsKept = [];
          var factor = [];
          rows.forEach(function (row) {
            if (stemsKept.length >= FUZZY_WORDS || stemsKept.indexOf(row[1]) >= 0) return;
            kept.push(row[0]);
            stemsKept.push(row[1]);
            factor.push(Math.pow(FUZZY_SCORE, row[3]));
          });
          return bestOf(index, stemsKept, factor).then(function (found) {
            return { scores: found, similar: found.size ? kept : [] };
          });
        });
      });
    });
  }

  // Documents matching any word of the query, best first: those matching more of its words before
  // those matching fewer, then by score. {hits: [[document, score, words matched], …], all: how
  // many match every word, similar: the similar spellings that were searched}.
  function search(index, query) {
    var list = words(query).filter(function (word, n, all) {
      return all.indexOf(word) === n; // a word typed twice is one word
    });
    if (!list.length) return Promise.resolve({ hits: [], all: 0, similar: [] });
    var typing = !/\s$/.test(query);
    return Promise.all(
      list.map(function (word, n) {
        var prefix = typing && n === list.length - 1 && word.length >= PREFIX_FROM;
        return matches(index, word, prefix);
      })
    ).then(function (perWord) {
      var total = new Map();
      var similarWords = [];
      perWord.forEach(function (match) {
        similarWords = similarWords.concat(match.similar);
        match.scores.forEach(function (score, doc) {
          var hit = total.get(doc);
          if (hit) {
            hit[1] += score;
            hit[2] += 1;
          } else total.set(doc, [doc, score, 1]);
        });
      });
      var hits = Array.from(total.values());
      hits.sort(function (a, b) {
        return b[2] - a[2] || b[1] - a[1] || a[0] - b[0];
      });
      var all = hits.filter(function (hit) {
        return hit[2] === list.length;
      }).length;
      return { hits: hits, all: all, similar: similarWords };
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

  // `text` with each word that begins with one of `wanted` marked (as text nodes and <mark>s).
  function highlighted(text, wanted) {
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
    // Where to go when nothing is found, filled in the first time (`offer`).
    this.hint = element("ul", { class: "kid-search__hint", hidden: "" });
    this.list = element("ol", { class: "kid-search__results" });
    this.more = element("button", { type: "button", class: "md-button md-button--primary kid-search__more", hidden: "" }, labels.more);
    box.appendChild(element("label", { for: id, class: "kid-search__label" }, labels.input));
    box.appendChild(this.input);
    box.appendChild(this.status);
    box.appendChild(this.hint);
    box.appendChild(this.list);
    box.appendChild(this.more);
    this.found = [];
    this.shown = 0;
    this.wanted = [];
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
    this.found = [];
    this.shown = 0;
    this.hint.hidden = true;
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
          self.found = found.hits;
          self.wanted = words(query).concat(found.similar);
          self.list.textContent = "";
          self.status.textContent = self.summary(query.trim(), found);
          if (!found.hits.length) self.offer();
          self.hint.hidden = found.hits.length > 0;
          return self.show(run);
        });
      })
      .catch(function () {
        if (run !== self.run) return;
        self.list.textContent = "";
        self.more.hidden = true;
        self.hint.hidden = true;
        self.status.textContent = self.labels.error;
      });
  };

  // The status line: how many results, and, when not all of them have every word or some matched
  // by a similar spelling, that too.
  SearchBox.prototype.summary = function (query, found) {
    var answer = this.index.labels;
    var n = found.hits.length;
    var label = !n ? answer.none : found.all === n ? this.labels.results : answer.some;
    var text = fill(label, { n: n, all: found.all, q: query });
    if (found.similar.length) text += " " + fill(answer.similar, { words: found.similar.join(", ") });
    return text;
  };

  // The ways on when nothing is found: the catalogue browser (its address from the index, as the
  // site's templates know it) and the footer's own way to propose an innovation.
  SearchBox.prototype.offer = function () {
    if (this.hint.childNodes.length) return;
    var answer = this.index.labels;
    var propose = document.querySelector("a.kid-propose");
    var ways = [
      [answer.browse, this.index.browse ? new URL(this.index.browse, site).href : ""],
      [answer.propose, propose ? propose.href : ""],
    ];
    var hint = this.hint;
    ways.forEach(function (way) {
      if (!way[0] || !way[1]) return;
      var item = element("li");
      item.appendChild(element("a", { href: way[1] }, way[0]));
      hint.appendChild(item);
    });
  };

  // `label` with each {name} replaced by values[name], taken literally (a query may hold "$&").
  function fill(label, values) {
    return label.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

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
        excerpt.appendChild(highlighted(row[2], self.wanted));
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

  // For tests/site/test_search_index.py: the stemmer, the word splitter and the edit distance, as
  // the box uses them.
  window.katalogSearch = { stem: stem, words: words, distance: distance };

  // Material's instant navigation swaps pages without a reload; mount on every page view.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
