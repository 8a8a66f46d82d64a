/* hdsearch: the site's search client (index format: _ext/healthdocs/search/index.py).
 * A plain script: no modules, workers or WASM, and index files are scripts that push their
 * data onto self.hdsearch, so search also works when the site is opened from disk (file://)
 * and the files may arrive in any order. Pages load it on first use of a search box
 * (hdsearch-loader.js, which fetches the index head and stemmer at the same time). The
 * search page has it inline, after the stemmer and a JSON block with the index head and
 * every page's title (templates/furo/search.html): the query in its address is searched
 * while the page's styles load, and its first results need no other file than their shards.
 * Word rules mirror search/text.py: fold, split on [a-z0-9], lone letters joined to a
 * neighbour, stopwords, Snowball stems.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var inline = document.getElementById("hd-search-data");
  var pageData = inline ? JSON.parse(inline.textContent) : null;
  var ROOT = script && script.src ? script.src.replace(/_static\/hdsearch\.js(\?.*)?$/, "")
    : pageData ? new URL(pageData.root, window.location.href).href : "";
  var BASE = ROOT + "_static/hdsearch/";
  var DROPDOWN_SIZE = 6;
  /** Dropdown results that get a snippet (each needs its page file): keystrokes stay small. */
  var DROPDOWN_SNIPPETS = 3;
  var PAGE_SIZE = 10;
  /** Search page results shown before the rest of the page of results arrives. */
  var FIRST = 3;
  var DEBOUNCE_MS = 60;
  /** Share of a page's other matching sections added to its best one (pages about a word rank first). */
  var SPREAD = 0.15;
  /** Share of a page's best section (all query words in it together) added to its score. */
  var PROXIMITY = 0.25;
  /** Weight of a question intent ("is it addictive" -> the risks section) against a word. */
  var INTENT_WEIGHT = 0.6;
  /** Words skipped between the words of a crisis phrase ("I just want to die"). */
  var FILLERS = new Set(["just", "really", "so", "literally", "fucking", "honestly", "totally",
                         "actually", "even", "please", "seriously"]);

  // --- loading index files ------------------------------------------------------
  var store = {};
  var pending = {};

  function recv(kind, key, data) {
    store[kind + "/" + key] = data;
  }

  // Files that arrived before this script pushed their data onto a plain array.
  var queued = window.hdsearch;
  window.hdsearch = { push: function (item) { recv(item[0], item[1], item[2]); } };
  if (queued && queued.forEach) queued.forEach(function (item) { recv(item[0], item[1], item[2]); });
  if (pageData && pageData.head) recv("head", "", pageData.head);
  if (pageData && pageData.titles) recv("titles", "", pageData.titles);

  /** Over HTTP, data files are fetched and their data read as JSON: a fetched file is there
   * as soon as it arrives, where a script waits its turn to run (while the page is still
   * loading, that was 25-65 ms per file). From file://, where fetch() is refused, and for
   * the stemmer (code, not data) they are scripts. */
  var FETCH = /^https?:$/.test(window.location.protocol) && !!window.fetch;

  function load(kind, key) {
    var id = kind + "/" + (key === undefined ? "" : key);
    if (id in store) return Promise.resolve(store[id]);
    if (pending[id]) return pending[id];
    var src = BASE + (key === undefined ? kind : id) + ".js";
    // The loader may have asked for this file already: wait for that copy.
    var el = document.querySelector('script[src="' + src + '"]');
    pending[id] = !el && FETCH && kind !== "stemmer" ? fetched(id, src) : new Promise(function (resolve, reject) {
      if (!el) {
        el = document.createElement("script");
        el.src = src;
        el.async = true;
        document.head.appendChild(el);
      }
      el.addEventListener("load", function () {
        if (id in store) resolve(store[id]);
        else reject(missing(id, src));
      });
      el.addEventListener("error", function () { reject(missing(id, src)); });
    });
    return pending[id];
  }

  function fetched(id, src) {
    return fetch(src).then(function (response) {
      if (!response.ok) throw missing(id, src);
      return response.text();
    }).then(function (text) {
      // (self.hdsearch=self.hdsearch||[]).push([kind, key, data]);
      var item = JSON.parse(text.slice(text.indexOf(".push(") + 6, text.lastIndexOf(")")));
      recv(item[0], item[1], item[2]);
      if (!(id in store)) throw missing(id, src);
      return store[id];
    }, function () { throw missing(id, src); });
  }

  function missing(id, src) {
    delete pending[id];
    return new Error("search index file missing: " + src);
  }

  var ready = null;
  var head = null;
  var stopwords = null;
  var stemmer = null;
  var docOf = null;
  var firstSection = null;

  /** Head file and stemmer: one round trip, started when the search box gets focus. */
  function warm() {
    if (!ready) {
      ready = Promise.all([load("head"), load("stemmer")]).then(function (parts) {
        head = parts[0];
        stemmer = new parts[1]();
        stopwords = new Set(head.stopwords);
        var total = head.sections.reduce(function (a, b) { return a + b; }, 0);
        docOf = new Int32Array(total);
        firstSection = new Int32Array(head.sections.length);
        var sec = 0;
        head.sections.forEach(function (count, doc) {
          firstSection[doc] = sec;
          for (var i = 0; i < count; i++) docOf[sec++] = doc;
        });
        head.intents = head.intents.map(function (row) { return { name: row[0], words: row[1], ask: !!row[2] }; });
        head.vocabKeys = new Set(head.vocab);
      });
      ready.catch(function () { ready = null; });
    }
    return ready;
  }

  // --- words (same rules as text.py) --------------------------------------------
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/['\u2019]/g, "");
  }

  function joinable(word) {
    return word !== undefined && word.length > 1 && !stopwords.has(word);
  }

  /** Words (stopwords kept), each in a list; a lone letter's list holds its compounds. */
  function wordGroups(text) {
    var raw = fold(text).match(/[a-z0-9]+/g) || [];
    var groups = [];
    raw.forEach(function (word, i) {
      if (word.length > 1 || /^[0-9]$/.test(word)) { groups.push([word]); return; }
      if (stopwords.has(word)) return;  // "a", "i"
      var compounds = [];
      if (joinable(raw[i - 1])) compounds.push(raw[i - 1] + word);
      if (joinable(raw[i + 1])) compounds.push(word + raw[i + 1]);
      if (compounds.length) groups.push(compounds);
    });
    return groups;
  }

  function words(text) {
    return [].concat.apply([], wordGroups(text));
  }

  var stems = new Map();
  function stem(word) {
    if (/^[0-9]+$/.test(word)) return word;
    var s = stems.get(word);
    if (s === undefined) {
      s = stemmer.stemWord(word);
      stems.set(word, s);
    }
    return s;
  }

  // --- shards -------------------------------------------------------------------
  function shardOf(term) {
    var lo = 0, hi = head.shards.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (head.shards[mid] <= term) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  function entry(term) {
    var shard = store["p/" + shardOf(term)];
    return shard && Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : null;
  }

  var decoded = new Map();
  /** [[section, impact], ...] for a stem. */
  function postings(term) {
    var list = decoded.get(term);
    if (list) return list;
    var e = entry(term);
    list = [];
    if (e) {
      var sec = 0;
      for (var i = 1; i < e.length; i += 2) {
        sec += e[i];
        list.push([sec, e[i + 1]]);
      }
    }
    decoded.set(term, list);
    return list;
  }

  /** Shards holding a word's stem and the stems it may be the beginning of. */
  function shardRange(token) {
    var own = shardOf(token.stem);
    if (token.alias || !token.last || token.word.length < 3) return [own];
    // The word being typed (three letters or more): also the stems it may be the beginning
    // of, at most two shards.
    var from = Math.min(own, shardOf(token.word));
    var to = Math.min(shardOf(token.word + "\uffff"), from + 1);
    var keys = [];
    for (var i = from; i <= to; i++) keys.push(i);
    if (keys.indexOf(own) < 0) keys.push(own);
    return keys;
  }

  // --- query analysis -----------------------------------------------------------
  function token(word, last) {
    return { word: word, stem: stem(word), last: last };
  }

  /** Does `pattern` (stems, "*" = up to three words) occur in `seq`? Returns [start, end) or null. */
  function find(seq, pattern, from) {
    for (var start = from || 0; start < seq.length; start++) {
      var end = matchAt(seq, pattern, start, 0);
      if (end >= 0) return [start, end];
    }
    return null;
  }

  function matchAt(seq, pattern, i, k) {
    if (k === pattern.length) return i;
    if (pattern[k] === "*") {
      for (var skip = 0; skip <= 3 && i + skip <= seq.length; skip++) {
        var end = matchAt(seq, pattern, i + skip, k + 1);
        if (end >= 0) return end;
      }
      return -1;
    }
    return i < seq.length && seq[i] === pattern[k] ? matchAt(seq, pattern, i + 1, k + 1) : -1;
  }

  /** Concepts: a word, or a glossary phrase with its equivalents (TRD = treatment-resistant
   * depression), plus the question intents the query shows ("is it addictive" -> risks). */
  function analyse(query) {
    var groups = wordGroups(query);
    var kept = groups.filter(function (g) { return g.length > 1 || !stopwords.has(g[0]); });
    // Words that only ask the question ("how much", "not working") are left to its intent.
    var asked = askedStems(words(query).map(stem));
    var content = kept.filter(function (g) {
      if (g.length > 1 || !asked.has(stem(g[0]))) return true;
      asked.delete(stem(g[0]));
      return false;
    });
    if (content.length) kept = content;
    if (!kept.length) kept = groups;  // "how is it" still searches
    var typing = !/\s$/.test(query);
    var slots = kept.map(function (g, i) {
      return g.map(function (w) { return token(w, typing && i === kept.length - 1); });
    });
    var concepts = [];
    var i = 0;
    while (i < slots.length) {
      var best = null;
      head.aliases.forEach(function (group) {
        group.forEach(function (phrase) {
          if (best && phrase.length <= best.phrase.length) return;
          for (var k = 0; k < phrase.length; k++) {
            var slot = slots[i + k];
            if (!slot || slot.length > 1 || slot[0].stem !== phrase[k]) return;
          }
          best = { group: group, phrase: phrase };
        });
      });
      if (best) {
        var own = slots.slice(i, i + best.phrase.length).map(function (slot) { return slot[0]; });
        concepts.push({ alts: best.group.map(function (phrase) {
          if (phrase === best.phrase) return { tokens: own, weight: 1 };
          return { tokens: phrase.map(function (s) { return { word: s, stem: s, alias: true }; }), weight: 0.9 };
        }) });
        i += best.phrase.length;
      } else {
        // A lone letter's compounds are alternatives ("s ketamine": "sketamine" or "vss").
        concepts.push({ alts: slots[i].map(function (t) { return { tokens: [t], weight: 1 }; }) });
        i += 1;
      }
    }
    // Two or three words that may be one ("electro convulsive", "shock treatment"): tried in resolve().
    var joins = [];
    function single(c) {
      return c && !c.intent && c.alts.length === 1 && c.alts[0].tokens.length === 1 && !c.alts[0].tokens[0].alias;
    }
    concepts.forEach(function (c, n) {
      for (var size = 2; size <= 3; size++) {
        var group = concepts.slice(n, n + size);
        if (group.length < size || !group.every(single)) return;
        var parts = group.map(function (g) { return g.alts[0].tokens[0]; });
        var word = parts.map(function (t) { return t.word; }).join("");
        if (/^[0-9]/.test(word)) return;
        joins.push({ at: n, size: size, parts: parts, token: token(word, parts[size - 1].last) });
      }
    });
    concepts.joins = joins;
    addIntents(concepts, words(query).map(stem));
    return concepts;
  }

  /** Stems of the words of `ask` wordings found in `seq` (every word's stem, in order). */
  function askedStems(seq) {
    var asked = new Set();
    head.intents.forEach(function (intent) {
      if (intent.ask && find(seq, intent.words)) {
        intent.words.forEach(function (w) { if (w !== "*") asked.add(w); });
      }
    });
    return asked;
  }

  /** Question intents, from every word (stopwords included: "how much", "who can"). */
  function addIntents(concepts, seq) {
    var added = [];
    head.intents.forEach(function (intent) {
      var name = "~" + intent.name;
      if (concepts.some(function (c) { return c.intent === name; }) || !find(seq, intent.words)) return;
      var t = { word: name, stem: name, alias: true };
      concepts.push({ intent: name, alts: [{ tokens: [t], weight: INTENT_WEIGHT }] });
      added.push(t);
    });
    return added;
  }

  /** Intents seen once typos are read as the words they stand for ("is it adictive"). */
  function typoIntents(query, concepts) {
    var fixed = new Map();
    eachToken(concepts, function (t) { if (!t.exact && t.matches && t.matches.length) fixed.set(t.word, t.matches[0].stem); });
    if (!fixed.size) return Promise.resolve();
    var added = addIntents(concepts, words(query).map(function (w) { return fixed.get(w) || stem(w); }));
    return Promise.all(added.map(function (t) { return load("p", shardOf(t.stem)); })).then(function () {
      added.forEach(function (t) { t.matches = exactAndPrefix(t); });
    });
  }

  function eachToken(concepts, fn) {
    concepts.forEach(function (c) { c.alts.forEach(function (a) { a.tokens.forEach(fn); }); });
  }

  // Optimal string alignment distance, giving up beyond `max`.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var rowMin = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  function loadedStems(keys) {
    var out = [];
    keys.forEach(function (k) {
      var shard = store["p/" + k];
      if (shard) Object.keys(shard).forEach(function (s) { out.push([s, shard[s]]); });
    });
    return out;
  }

  /** Exact stem (weight 1), then words it begins (while typing, or when not found). */
  function exactAndPrefix(token) {
    var found = [];
    if (entry(token.stem)) found.push({ stem: token.stem, w: 1 });
    if (token.alias || (found.length && !token.last) || token.word.length < 2 || /^[0-9]+$/.test(token.word)) return found;
    var candidates = [];
    loadedStems(shardRange(token)).forEach(function (pair) {
      var s = pair[0];
      if (s === token.stem) return;
      var forms = [s].concat(pair[1][0] ? pair[1][0].split("|") : []);
      var hit = null;
      forms.forEach(function (f) {
        if (f.length > token.word.length && f.lastIndexOf(token.word, 0) === 0 && (!hit || f.length < hit.length)) hit = f;
      });
      if (hit) candidates.push({ stem: s, w: 0.5 + 0.4 * token.word.length / hit.length, n: (pair[1].length - 1) / 2 });
    });
    candidates.sort(function (a, b) { return b.n - a.n || (a.stem < b.stem ? -1 : 1); });
    return found.concat(candidates.slice(0, 10));
  }

  /** Files of the typo vocabulary a word needs: its first letter, stem lengths within reach. */
  function typoKeys(token) {
    var max = token.word.length >= 8 ? 2 : 1;
    var lo = Math.min(token.stem.length, token.word.length) - max;
    var hi = Math.max(token.stem.length, token.word.length) + max;
    var keys = [];
    for (var n = Math.max(1, lo); n <= hi; n++) {
      if (head.vocabKeys.has(token.word[0] + n)) keys.push(token.word[0] + n);
    }
    return keys;
  }

  /** Typo matches from the site's own vocabulary (edit distance by word length), on the
   * word as typed and on its stem ("adictive" -> "addict"). */
  function fuzzy(token) {
    var max = token.word.length >= 8 ? 2 : 1;
    var candidates = [], seen = new Set();
    typoKeys(token).forEach(function (key) {
      (store["v/" + key] || []).forEach(function (item) {
        if (seen.has(item[0])) return;  // a stem is listed under each length it is written in
        seen.add(item[0]);
        var forms = [item[0]].concat(item[1] ? item[1].split("|") : []);
        var best = distance(token.stem, item[0], max);
        forms.forEach(function (f) { best = Math.min(best, distance(token.word, f, max)); });
        if (best <= max) candidates.push({ stem: item[0], w: best === 1 ? 0.6 : 0.45, d: best, n: item[2] });
      });
    });
    candidates.sort(function (a, b) { return a.d - b.d || b.n - a.n || (a.stem < b.stem ? -1 : 1); });
    // Only the closest words: "adictive" is "addict", not also every word two letters away.
    return candidates.filter(function (c) { return c.d === candidates[0].d; }).slice(0, 4);
  }

  /** Words the site (or its patients' vocabulary) writes as one: one concept, both readings. */
  function applyJoins(concepts) {
    concepts.joins.slice().reverse().forEach(function (join) {
      if (!entry(join.token.stem)) return;
      var here = concepts.slice(join.at, join.at + join.size);
      if (here.length !== join.size || here.some(function (c, i) { return c.alts[0].tokens[0] !== join.parts[i]; })) return;
      join.token.matches = [{ stem: join.token.stem, w: 1 }];
      join.token.exact = true;
      concepts.splice(join.at, join.size, { alts: [{ tokens: join.parts, weight: 1 }, { tokens: [join.token], weight: 1 }] });
    });
  }

  /** A misspelt word keeps its glossary equivalents ("esketamene" -> esketamine = Spravato). */
  function equivalents(concepts, typos) {
    var added = [];
    concepts.forEach(function (c) {
      if (c.alts.length !== 1 || c.alts[0].tokens.length !== 1) return;
      var t = c.alts[0].tokens[0];
      if (typos.indexOf(t) < 0 || !t.matches.length) return;
      var fixed = t.matches[0].stem;
      head.aliases.forEach(function (group) {
        if (!group.some(function (p) { return p.length === 1 && p[0] === fixed; })) return;
        group.forEach(function (phrase) {
          if (phrase.length === 1 && phrase[0] === fixed) return;
          var tokens = phrase.map(function (s) { return { word: s, stem: s, alias: true }; });
          c.alts.push({ tokens: tokens, weight: 0.9 * t.matches[0].w });
          added.push.apply(added, tokens);
        });
      });
    });
    return added;
  }

  /** Loads what the query needs (one round trip; a second only for typos) and resolves its words. */
  function resolve(concepts) {
    var keys = new Set();
    eachToken(concepts, function (t) { shardRange(t).forEach(function (k) { keys.add(k); }); });
    concepts.joins.forEach(function (j) { keys.add(shardOf(j.token.stem)); });
    return Promise.all(Array.from(keys).map(function (k) { return load("p", k); })).then(function () {
      applyJoins(concepts);
      var typos = [];
      eachToken(concepts, function (t) {
        if (t.matches) return;  // a joined word
        t.matches = exactAndPrefix(t);
        t.exact = !!entry(t.stem);
        if (!t.matches.length && !t.alias && t.word.length >= 4 && !/^[0-9]+$/.test(t.word) &&
            typoKeys(t).length) typos.push(t);
      });
      if (!typos.length) return concepts;
      var files = new Set();
      typos.forEach(function (t) { typoKeys(t).forEach(function (k) { files.add(k); }); });
      return Promise.all(Array.from(files).map(function (k) { return load("v", k); })).then(function () {
        var more = new Set();
        typos.forEach(function (t) {
          t.matches = fuzzy(t);
          t.matches.forEach(function (m) { more.add(shardOf(m.stem)); });
        });
        equivalents(concepts, typos).forEach(function (t) { more.add(shardOf(t.stem)); });
        return Promise.all(Array.from(more).map(function (k) { return load("p", k); }));
      }).then(function () {
        eachToken(concepts, function (t) { if (!t.matches) t.matches = exactAndPrefix(t); });
        return concepts;
      });
    });
  }

  // --- ranking ------------------------------------------------------------------
  function rank(concepts) {
    var words = concepts.filter(function (c) { return !c.intent; });
    var n = words.length;
    var total = new Map(), matched = new Map(), secScore = new Map(), secWords = new Map();
    var rarity = new Map(), coveredBy = new Map();
    function score(c, intents) {
      var cDoc = new Map(), cSec = new Map(), whole = new Set();
      c.alts.forEach(function (alt) {
        var size = alt.tokens.length;
        var perToken = [], altSec = new Map();
        alt.tokens.forEach(function (t) {
          var tSec = new Map(), best = new Map(), sum = new Map();
          (t.matches || []).forEach(function (m) {
            postings(m.stem).forEach(function (p) {
              var v = m.w * p[1];
              if (!(tSec.get(p[0]) >= v)) tSec.set(p[0], v);
            });
          });
          // A page's best section, plus a little of its others: pages about the word rank first.
          tSec.forEach(function (v, sec) {
            var d = docOf[sec];
            if (!(best.get(d) >= v)) best.set(d, v);
            sum.set(d, (sum.get(d) || 0) + v);
          });
          var tDoc = new Map();
          best.forEach(function (v, d) { tDoc.set(d, v + SPREAD * (sum.get(d) - v)); });
          perToken.push(tDoc);
          tSec.forEach(function (v, sec) { altSec.set(sec, (altSec.get(sec) || 0) + v / size); });
        });
        var docs = new Set();
        perToken.forEach(function (m) { m.forEach(function (_, d) { docs.add(d); }); });
        docs.forEach(function (d) {
          var sum = 0, found = 0;
          perToken.forEach(function (m) { if (m.has(d)) { sum += m.get(d); found++; } });
          // An equivalent phrase counts only whole ("post traumatic stress disorder", not
          // "stress" alone); the words typed count in part, but only whole make a match.
          if (found < size && alt.tokens[0].alias) return;
          var v = alt.weight * (sum / size) * (found / size);
          if (!(cDoc.get(d) >= v)) cDoc.set(d, v);
          if (found === size) whole.add(d);
        });
        altSec.forEach(function (v, sec) {
          v *= alt.weight;
          if (!(cSec.get(sec) >= v)) cSec.set(sec, v);
        });
      });
      if (!intents) {
        var secs = new Set();
        cSec.forEach(function (_, sec) { secs.add(sec); });
        rarity.set(c, Math.log(1 + docOf.length / (secs.size + 1)));
      }
      cDoc.forEach(function (v, d) {
        // An intent only ranks pages the words found, never adds one.
        if (intents && !total.has(d)) return;
        total.set(d, (total.get(d) || 0) + v);
        if (intents || !whole.has(d)) return;
        matched.set(d, (matched.get(d) || 0) + 1);
        if (!coveredBy.has(d)) coveredBy.set(d, []);
        coveredBy.get(d).push(c);
      });
      cSec.forEach(function (v, sec) {
        if (intents && !total.has(docOf[sec])) return;
        secScore.set(sec, (secScore.get(sec) || 0) + v);
        if (!intents) secWords.set(sec, (secWords.get(sec) || 0) + 1);
      });
    }
    words.forEach(function (c) { score(c, false); });
    concepts.forEach(function (c) { if (c.intent) score(c, true); });
    // The deep link: the section with the most query words, then the highest score.
    var bestSec = new Map();
    secScore.forEach(function (v, s) {
      var d = docOf[s], b = bestSec.get(d), w = secWords.get(s) || 0;
      if (!b || w > b[2] || (w === b[2] && (v > b[1] || (v === b[1] && s < b[0])))) bestSec.set(d, [s, v, w]);
    });
    var results = [];
    var weightSum = 0;
    rarity.forEach(function (w) { weightSum += w; });
    total.forEach(function (score, d) {
      var m = matched.get(d) || 0, covered = 0;
      (coveredBy.get(d) || []).forEach(function (c) { covered += rarity.get(c); });
      // Words found together in one section count more than the same words spread out.
      if (bestSec.has(d)) score += PROXIMITY * bestSec.get(d)[1];
      // A page missing a rare query word ("ptsd") loses more than one missing a common one.
      results.push({ doc: d, all: m === n, score: score * (0.5 + 0.5 * covered / (weightSum || 1)),
                     section: bestSec.has(d) ? bestSec.get(d)[0] - firstSection[d] : 0 });
    });
    // Pages with every word first, but a partial match still beats "no results".
    results.sort(function (a, b) {
      return (b.all - a.all) || (b.score - a.score) || (a.doc - b.doc);
    });
    return results;
  }

  /** Ranked pages for a query: [{doc, section, score, all}], plus the words to highlight. */
  function search(query, filters) {
    return warm().then(function () {
      var concepts = analyse(query);
      if (!concepts.some(function (c) { return !c.intent; })) return { results: [], concepts: concepts };
      return resolve(concepts).then(function () { return typoIntents(query, concepts); }).then(function () {
        var results = rank(concepts);
        filters = filters || {};
        var cat = filters.category ? head.categories.indexOf(filters.category) : -1;
        var tag = filters.tag ? head.tags.indexOf(filters.tag) : -1;
        if (filters.category) results = results.filter(function (r) { return head.category[r.doc] === cat; });
        if (filters.tag) results = results.filter(function (r) { return head.tag[r.doc].indexOf(tag) >= 0; });
        return { results: results, concepts: concepts };
      });
    });
  }

  // --- presentation ---------------------------------------------------------------
  function highlighter(concepts) {
    var wanted = new Set(), prefixes = [];
    eachToken(concepts, function (t) {
      (t.matches || []).forEach(function (m) { wanted.add(m.stem); });
      if (t.last && !t.alias && t.word.length >= 2) prefixes.push(t.word);
    });
    return function (word) {
      return words(word).some(function (w) {
        return wanted.has(stem(w)) || prefixes.some(function (p) { return w.lastIndexOf(p, 0) === 0; });
      });
    };
  }

  /** Appends text to `parent`, wrapping matched words in <mark>; a window of `size` words if given. */
  function appendMarked(parent, text, isMatch, size) {
    var re = /[\p{L}\p{N}'\u2019]+/gu, tokens = [], m;
    while ((m = re.exec(text))) tokens.push([m.index, m[0].length, isMatch(m[0])]);
    var start = 0, end = tokens.length;
    if (size && tokens.length > size) {
      var best = -1, count = 0;
      for (var i = 0; i < tokens.length; i++) {
        count += tokens[i][2] ? 1 : 0;
        if (i >= size) count -= tokens[i - size][2] ? 1 : 0;
        if (i >= size - 1 && count > best) { best = count; start = i - size + 1; }
      }
      if (best <= 0) start = 0;
      start = Math.max(0, start - 2);
      end = Math.min(tokens.length, start + size);
    }
    if (!tokens.length) { parent.appendChild(document.createTextNode(text)); return; }
    var from = start === 0 ? 0 : tokens[start][0];
    var to = end === tokens.length ? text.length : tokens[end - 1][0] + tokens[end - 1][1];
    var pos = from;
    if (start > 0) parent.appendChild(document.createTextNode("\u2026 "));
    for (var k = start; k < end; k++) {
      if (!tokens[k][2]) continue;
      parent.appendChild(document.createTextNode(text.slice(pos, tokens[k][0])));
      var mark = document.createElement("mark");
      mark.textContent = text.substr(tokens[k][0], tokens[k][1]);
      parent.appendChild(mark);
      pos = tokens[k][0] + tokens[k][1];
    }
    parent.appendChild(document.createTextNode(text.slice(pos, to)));
    if (end < tokens.length) parent.appendChild(document.createTextNode(" \u2026"));
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /** Title, URL (deep link), section and topic of one result: from its title file, or
   * (search page, before that file arrives) from every page's title, without the section. */
  function describe(result) {
    var page = store["t/" + result.doc];
    if (!page) {
      var row = store["titles/"][result.doc], category = head.category[result.doc];
      return { url: ROOT + row[1], title: row[0], category: category < 0 ? "" : head.categories[category],
               heading: "", early: true };
    }
    var sec = page.sections[result.section] || page.sections[0];
    return { url: ROOT + page.url + (result.section && sec[0] ? "#" + sec[0] : ""), title: page.title,
             category: page.category, heading: result.section ? sec[1] : "" };
  }

  function chunkOf(result) {
    return result.doc + "-" + Math.floor(result.section / head.chunk);
  }

  /** The snippet text of one result (its section's text file must be loaded). */
  function snippet(result) {
    var part = store["d/" + chunkOf(result)];
    var text = part.texts[result.section % head.chunk] || "";
    return !result.section && part.description ? part.description + " " + text : text;
  }

  /** Runs `fn` once the next frame is painted: work that can wait for it. */
  function afterPaint(fn) {
    window.requestAnimationFrame(function () { setTimeout(fn, 0); });
  }

  function titles(results) {
    return Promise.all(results.map(function (r) { return load("t", r.doc); }));
  }

  function details(results) {
    return Promise.all(results.map(function (r) { return load("d", chunkOf(r)); }));
  }

  // --- crisis help ------------------------------------------------------------------
  /** Does the query suggest a crisis? Words match by stem, or with a typo when the word is
   * not one of the site's (`known`), or as the beginning of the phrase's last word while
   * it is being typed. A `not` phrase ("midlife crisis") cancels matches inside it. */
  function crisisMatch(query, known) {
    var groups = wordGroups(query).filter(function (g) { return g.length > 1 || !FILLERS.has(g[0]); });
    var typing = !/\s$/.test(query);
    var seq = groups.map(function (g, i) {
      return { words: g, stems: g.map(stem), last: typing && i === groups.length - 1 };
    });
    function same(slot, pw, lastWord) {
      return slot.words.some(function (w, k) {
        if (slot.stems[k] === pw[1] || w === pw[0]) return true;
        if (w.length >= 4 && w[0] === pw[0][0]) {
          var max = w.length >= 8 ? 2 : 1;
          if (!known(w) && (distance(w, pw[0], max) <= max || distance(slot.stems[k], pw[1], max) <= max)) return true;
          if (slot.last && lastWord && pw[0].lastIndexOf(w, 0) === 0) return true;
        }
        return false;
      });
    }
    var hits = [], nots = [];
    head.crisis.terms.forEach(function (term) {
      var mode = term[0], phrase = term[1];
      for (var start = 0; start + phrase.length <= seq.length; start++) {
        var ok = true;
        for (var k = 0; k < phrase.length && ok; k++) ok = same(seq[start + k], phrase[k], k === phrase.length - 1);
        if (!ok) continue;
        var end = start + phrase.length;
        if (mode === "not") nots.push([start, end]);
        else if (mode === "any" || seq.every(function (slot, i) {
          return (i >= start && i < end) || slot.words.every(function (w) { return stopwords.has(w); });
        })) hits.push([start, end]);
      }
    });
    return hits.some(function (h) { return !nots.some(function (n) { return n[0] <= h[0] && h[1] <= n[1]; }); });
  }

  function knownWords(concepts) {
    var known = new Set();
    eachToken(concepts, function (t) { if (t.exact) known.add(t.word); });
    return function (w) { return known.has(w); };
  }

  var crisisCount = 0;
  /** The site region's crisis lines, as on its banner: a labelled region, never an alert. */
  function crisisBox(level) {
    var c = head.crisis, id = "hd-search-crisis-" + (++crisisCount);
    var box = el("section", "hd-box hd-crisis hd-search-crisis");
    box.setAttribute("role", "region");
    box.setAttribute("aria-labelledby", id);
    var title = el(level, "hd-box__title", c.title);
    title.id = id;
    box.appendChild(title);
    if (c.intro) box.appendChild(el("p", "", c.intro));
    var list = el("ul", "hd-crisis__resources");
    c.resources.forEach(function (r) {
      var p = el("p");
      p.appendChild(el("strong", "", r.name));
      p.appendChild(document.createTextNode((r.note ? " (" + r.note + ")" : "") + ": "));
      r.actions.forEach(function (action, i) {
        if (i) p.appendChild(el("span", "hd-sep", " \u00b7 "));
        var a = el("a", "hd-action", action[0]);
        a.href = action[1];
        p.appendChild(a);
      });
      var li = el("li");
      li.appendChild(p);
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  /** Shows or removes the crisis lines in `slot`; says so to screen readers once. */
  function showCrisis(slot, show, level) {
    var shown = !!slot.firstChild;
    if (show && !shown) slot.appendChild(crisisBox(level));
    if (!show && shown) slot.textContent = "";
    slot.hidden = !show;
    return show;
  }

  function crisisSummary() {
    var c = head.crisis;
    return c.title + ": " + c.resources.map(function (r) {
      return r.name + ", " + r.actions.map(function (a) { return a[0]; }).join(", ");
    }).join("; ") + ". ";
  }

  // --- the sidebar dropdown (ARIA combobox + listbox) --------------------------------
  var counter = 0;

  function Dropdown(input) {
    var form = input.form;
    var id = "hd-search-list-" + (++counter);
    var crisis = el("div", "hd-search__crisis");
    var list = el("ul", "hd-search__list");
    var status = el("p", "hd-search__status");
    var active = -1, options = [], seq = 0, timer = 0, query = "";
    crisis.hidden = true;
    list.id = id;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search suggestions");
    list.hidden = true;
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    form.appendChild(crisis);
    form.appendChild(list);
    form.appendChild(status);

    function open(show) {
      list.hidden = !show;
      input.setAttribute("aria-expanded", show ? "true" : "false");
      if (!show) select(-1);
    }

    function close() {
      open(false);
      showCrisis(crisis, false);
    }

    function select(index) {
      active = index;
      options.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        if (options[index].scrollIntoView) options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function option(href, build) {
      // The link itself is the option: a link inside an option is a control nested in
      // a control, which screen readers announce badly (axe: nested-interactive).
      var li = el("li", "hd-search__option");
      li.setAttribute("role", "none");
      var a = el("a");
      a.id = id + "-" + options.length;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.href = href;
      a.tabIndex = -1;
      build(a);
      li.appendChild(a);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep focus in the box
      options.push(a);
      list.appendChild(li);
    }

    /** Titles first; snippets fill in when their page files arrive. */
    function render(q, found, helped) {
      list.textContent = "";
      options = [];
      active = -1;
      var isMatch = highlighter(found.concepts);
      var shown = found.results.slice(0, DROPDOWN_SIZE);
      var snippets = [];
      shown.forEach(function (r) {
        var d = describe(r);
        option(d.url, function (a) {
          var title = el("span", "hd-search__title");
          appendMarked(title, d.title, isMatch);
          a.appendChild(title);
          if (d.heading) a.appendChild(el("span", "hd-search__section", d.heading));
          if (snippets.length < DROPDOWN_SNIPPETS) {
            var snip = el("span", "hd-search__snippet");
            a.appendChild(snip);
            snippets.push([snip, r]);
          }
          if (d.category) a.appendChild(el("span", "hd-search__category", d.category));
        });
      });
      var all = form.getAttribute("action") + "?q=" + encodeURIComponent(q);
      option(all, function (a) {
        a.className = "hd-search__all";
        a.textContent = found.results.length ? "See all " + found.results.length + " results for \u201c" + q + "\u201d"
          : "No pages match \u201c" + q + "\u201d. Open the search page";
      });
      status.textContent = (helped ? crisisSummary() : "") + (found.results.length ?
        found.results.length + " results. Use the up and down arrow keys to choose one." : "No results.");
      open(true);
      return snippets;
    }

    function fill(snippets, found, mine, texts) {
      var isMatch = highlighter(found.concepts);
      return texts.then(function () {
        if (mine !== seq) return;
        snippets.forEach(function (s) { appendMarked(s[0], snippet(s[1]), isMatch, 22); });
      });
    }

    function run() {
      query = input.value;
      var mine = ++seq;
      if (!query.trim()) { close(); list.textContent = ""; options = []; status.textContent = ""; return; }
      warm().then(function () {
        // Crisis help first, on every keystroke, before any index file beyond the head.
        if (mine === seq) showCrisis(crisis, crisisMatch(query, function () { return true; }), "p");
        return search(query);
      }).then(function (found) {
        var top = found.results.slice(0, DROPDOWN_SIZE);
        var texts = details(top.slice(0, DROPDOWN_SNIPPETS));  // asked for with the titles, shown after them
        texts.catch(function () { /* reported where it is used */ });
        return titles(top).then(function () {
          if (mine !== seq) return;
          var helped = showCrisis(crisis, crisisMatch(query, knownWords(found.concepts)), "p");
          return fill(render(query.trim(), found, helped), found, mine, texts);
        });
      }).catch(function (err) { if (window.console) console.error(err); });
    }

    input.addEventListener("focus", function () {
      warm();
      if (options.length && input.value.trim()) { open(true); if (query === input.value) run(); }
    });
    // The first keystroke searches at once; fast typing then searches at most every DEBOUNCE_MS.
    var lastRun = 0;
    function runNow() { lastRun = Date.now(); run(); }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var wait = DEBOUNCE_MS - (Date.now() - lastRun);
      if (wait <= 0) runNow();
      else timer = setTimeout(runNow, wait);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!options.length) return;
        e.preventDefault();
        if (list.hidden) open(true);
        var step = e.key === "ArrowDown" ? 1 : -1;
        select(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
      } else if (e.key === "Enter" && active >= 0 && !list.hidden) {
        e.preventDefault();
        window.location.href = options[active].href;
      } else if (e.key === "Escape") {
        if (!list.hidden || !crisis.hidden) { e.preventDefault(); close(); }
      } else if (e.key === "Tab" && (e.shiftKey || crisis.hidden)) {
        close();  // with crisis help shown, Tab moves on to its links
      }
    });
    // Closed when focus leaves the box and the crisis links under it.
    form.addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !form.contains(e.relatedTarget)) close();
    });
    // Loaded on first use (hdsearch-loader.js): the focus that fetched this script came
    // before these listeners, and the reader may have typed while it downloaded.
    if (document.activeElement === input) {
      warm();
      if (input.value.trim()) runNow();
    }
  }

  // --- the search page ---------------------------------------------------------------
  function SearchPage(input) {
    var form = input.form;
    var box = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var crisis = document.getElementById("hd-search-crisis");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-hd-filter]"));
    var params = new URLSearchParams(window.location.search);
    var seq = 0, timer = 0;
    input.value = params.get("q") || "";
    form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
    selects.forEach(function (s) { s.addEventListener("change", run); });

    function filters() {
      var f = {};
      selects.forEach(function (s) { f[s.getAttribute("data-hd-filter")] = s.value; });
      return f;
    }

    function remember(query) {
      var p = new URLSearchParams();
      if (query) p.set("q", query);
      var f = filters();
      Object.keys(f).forEach(function (k) { if (f[k]) p.set(k, f[k]); });
      if ("?" + p.toString() === window.location.search) return;
      try {
        window.history.replaceState(null, "", "?" + p.toString());
      } catch (err) { /* some browsers refuse history changes on file:// pages */ }
    }

    /** One result; returns [snippet element, result, a function that adds its section]. */
    function item(list, r, isMatch) {
      var d = describe(r);
      var li = el("li", "hd-search-result");
      var title = el("a", "hd-search-result__title");
      title.href = d.url;
      appendMarked(title, d.title, isMatch);
      li.appendChild(title);
      if (d.category) li.appendChild(el("span", "hd-search-result__category", d.category));
      var section = el("p", "hd-search-result__section");
      li.appendChild(section);
      var snip = el("p", "hd-search-result__snippet");
      li.appendChild(snip);
      list.appendChild(li);
      function sectionShown() {
        var full = describe(r);
        title.href = full.url;  // the deep link
        section.textContent = full.heading;
      }
      if (!d.early) sectionShown();
      return [snip, r, sectionShown];
    }

    function run() {
      var query = input.value.trim();
      var mine = ++seq;
      remember(query);
      if (!query) {
        box.textContent = "";
        showCrisis(crisis, false);
        status.textContent = "Type a word or question, for example \u201cketamine side effects\u201d.";
        return;
      }
      status.textContent = "Searching\u2026";
      var helped = showCrisis(crisis, crisisMatch(query, function () { return true; }), "h2");
      var f = filters(), early = prefetched;
      prefetched = null;
      (early && early.query === query && early.filters.category === (f.category || "") &&
       early.filters.tag === (f.tag || "") ? early.found : search(query, f)).then(function (found) {
        helped = showCrisis(crisis, crisisMatch(query, knownWords(found.concepts)), "h2");
        var isMatch = highlighter(found.concepts);
        var list = el("ul", "hd-search-results");
        var filling = [];  // deep links and snippets on their way for the latest more()
        var shown = 0;
        /** Results show at once with their titles (the search page has every page's title),
         * the first few before the next paint and the rest after it; their title files
         * (section, deep link) and snippets are asked for once they are painted. */
        function part(next) {
          var quick = store["titles/"] ? Promise.resolve() : titles(next);
          return quick.then(function () {
            if (mine !== seq) return;
            var shownNow = next.map(function (r) { return item(list, r, isMatch); });
            if (list.parentNode !== box) {
              box.insertBefore(list, box.firstChild);
              Array.prototype.slice.call(box.children).forEach(function (c) { if (c !== list && c.tagName === "UL") c.remove(); });
            }
            return new Promise(function (done) {
              afterPaint(function () {
                done();
                var results = shownNow.map(function (s) { return s[1]; });
                if (mine !== seq || !results.length) return;
                filling.push(titles(results).then(function () {
                  if (mine === seq) shownNow.forEach(function (s) { s[2](); });
                }).catch(function (err) { if (window.console) console.error(err); }));
                filling.push(details(results).then(function () {
                  if (mine === seq) shownNow.forEach(function (s) { appendMarked(s[0], snippet(s[1]), isMatch, 40); });
                }).catch(function (err) { if (window.console) console.error(err); }));
              });
            });
          });
        }
        function more() {
          // Busy until every result it shows has its deep link and snippet (screen readers wait).
          list.setAttribute("aria-busy", "true");
          var fills = filling = [];
          var next = found.results.slice(shown, shown + PAGE_SIZE);
          shown += next.length;
          return part(next.slice(0, FIRST)).then(function () { return part(next.slice(FIRST)); }).then(function () {
            if (mine !== seq) return;
            Promise.all(fills).then(function () { if (fills === filling) list.removeAttribute("aria-busy"); });
            var button = box.querySelector(".hd-search-more");
            if (button) button.remove();
            if (shown < found.results.length) {
              button = el("button", "hd-search-more", "Show more results");
              button.type = "button";
              button.addEventListener("click", more);
              box.appendChild(button);
            }
          });
        }
        if (!found.results.length) Array.prototype.slice.call(box.children).forEach(function (c) { c.remove(); });
        return more().then(function () {
          if (mine !== seq) return;
          var n = found.results.length;
          status.textContent = (helped ? "Help is shown first. " : "") + (n ? n + (n === 1 ? " page" : " pages") + " found for \u201c" + query + "\u201d."
            : "No pages found for \u201c" + query + "\u201d. Try other words, or browse the topics in the menu.");
        });
      }).catch(function (err) {
        status.textContent = "Search is not available right now.";
        if (window.console) console.error(err);
      });
    }

    warm().then(function () {
      selects.forEach(function (s) {
        var name = s.getAttribute("data-hd-filter");
        var values = name === "category" ? head.categories : head.tags;
        var labels = name === "category" ? head.categories : (head.tagLabels || head.tags);
        values.forEach(function (v, i) {
          var o = el("option", "", labels[i]);
          o.value = v;
          s.appendChild(o);
        });
        s.value = params.get(name) || "";
      });
      run();
    }).catch(function () { status.textContent = "Search is not available right now."; });
  }

  /** Wires up the search boxes: `which` is "page" (the search page's own box), "boxes"
   * (the others) or neither (all). */
  function start(which) {
    Array.prototype.slice.call(document.querySelectorAll("input[data-hd-search]")).forEach(function (input) {
      var kind = input.getAttribute("data-hd-search");
      if ((which === "page" && kind !== "page") || (which === "boxes" && kind === "page")) return;
      if (kind === "page") SearchPage(input);
      // The header's box (phones) gets its dropdown when first opened.
      else if (kind !== "header" || document.activeElement === input) Dropdown(input);
      else input.addEventListener("focus", function () { Dropdown(input); }, { once: true });
    });
  }

  window.HDSearch = {
    /** For tests and benchmarks: ranked [{url, title, heading, text}] for a query. */
    query: function (query, filters, limit) {
      return search(query, filters).then(function (found) {
        var top = found.results.slice(0, limit || PAGE_SIZE);
        return Promise.all([titles(top), details(top)]).then(function () {
          return top.map(function (r) { var d = describe(r); d.text = snippet(r); return d; });
        });
      });
    },
    /** For tests: does the query show crisis help? */
    crisis: function (query) {
      return search(query).then(function (found) { return crisisMatch(query, knownWords(found.concepts)); });
    },
    stem: function (word) { return warm().then(function () { return stem(word); }); },
    words: function (text) { return warm().then(function () { return words(text); }); }
  };

  // The search page: start the query in the address at once, while the page is still
  // loading, so its shards download alongside the theme's files (SearchPage uses the answer).
  var prefetched = null;
  if (pageData) {
    var params = new URLSearchParams(window.location.search);
    var query = (params.get("q") || "").trim();
    var filters = { category: params.get("category") || "", tag: params.get("tag") || "" };
    if (query) {
      prefetched = { query: query, filters: filters, found: search(query, filters) };
      prefetched.found.catch(function () { /* SearchPage reports it */ });
    }
  }

  if (pageData) {
    // search.html calls HDSearch.page() right after its results list: the results show as
    // soon as the styles allow, not after the theme's scripts at the end of the page.
    var pageStarted = false;
    window.HDSearch.page = function () {
      if (!pageStarted && document.getElementById("search-results")) {
        pageStarted = true;
        start("page");
      }
    };
    document.addEventListener("DOMContentLoaded", function () {
      window.HDSearch.page();
      afterPaint(function () { start("boxes"); });  // the results first
    });
    window.HDSearch.page();  // this script may run after the results list is parsed
  } else if (document.readyState !== "loading") start();
  else document.addEventListener("DOMContentLoaded", function () { start(); });
})();
