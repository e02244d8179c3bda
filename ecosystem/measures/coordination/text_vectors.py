"""TF-IDF vectors of the initiatives' texts, as scikit-learn computes them, without scikit-learn.

:func:`tfidf_rows` returns the matrix that scikit-learn's
``TfidfVectorizer(stop_words="english", sublinear_tf=True, lowercase=False,
token_pattern=r"(?u)\\b[^\\W\\d_]{2,}\\b").fit_transform(docs)`` returns, array for
array (the same ``data``, ``indices`` and ``indptr``, so every later sum adds the same
numbers in the same order): ``tests/test_text_vectors.py`` compares the two on the
Ocean registry's texts, on random texts and on hostile ones. Words are the runs of two
or more letters (:data:`TOKEN`), less the English stop words
(:data:`~ecosystem.reference.stop_words.ENGLISH_STOP_WORDS`); for a word
*t* in document *d*, with *n* documents of which df(t) hold *t*:

.. math::

    w_{t,d} = (1 + \\ln \\mathrm{tf}_{t,d}) \\cdot
              \\left(1 + \\ln \\frac{1 + n}{1 + \\mathrm{df}(t)}\\right),

each row then divided by its Euclidean norm (Salton & Buckley 1988; scikit-learn's
smooth IDF). Columns are the words in alphabetical order; within a row, entries are
in the order the words first appear in the corpus (scikit-learn's order).

What scikit-learn does word by word in Python (a dictionary look-up per word) is done
here on arrays: the words of all documents are numbered at once
(:func:`pandas.factorize`, in order of first appearance, as scikit-learn's vocabulary
numbers them) and counted per document by one sort. On the Ocean registry's 2,650
texts this takes about a quarter of scikit-learn's time, and importing the report no
longer imports scikit-learn (about 0.5 s).

References
----------
Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text
retrieval. *Information Processing & Management* 24(5), 513–523.
scikit-learn 1.9, ``sklearn.feature_extraction.text`` (``CountVectorizer``,
``TfidfTransformer``), BSD-3-Clause.

Examples
--------
>>> x = tfidf_rows(["coral reefs", "coral and seagrass", ""])
>>> x.shape, x.indices.tolist(), x.indptr.tolist()
((3, 3), [0, 1, 0, 2], [0, 2, 4, 4])
>>> x.data.round(3).tolist()
[0.605, 0.796, 0.605, 0.796]

"coral" is in 2 of 3 texts, "reefs" in 1: IDF 1 + ln(4/3) = 1.288 and 1 + ln(4/2) = 1.693,
so the first row is (1.288, 1.693) / 2.127.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter

import numpy as np
import scipy.sparse as sp

from ecosystem.reference.stop_words import ENGLISH_STOP_WORDS

__all__ = ["TOKEN", "folded", "tfidf_rows"]

#: A word: two or more letters (scikit-learn's ``token_pattern`` of the overlap vectors).
TOKEN = re.compile(r"(?u)\b[^\W\d_]{2,}\b")

#: A run of word characters. The words of :data:`TOKEN` are exactly the runs of two or more
#: letters with no digit or underscore in them: ``\b`` holds only at the ends of a run.
_RUN = re.compile(r"\w+")

#: Every ASCII character that is not a word character becomes a space, so that ``split()``
#: gives an ASCII text's runs (the regular expression walks Unicode classes more slowly).
_ASCII_GAPS = str.maketrans({c: " " for c in range(128)
                             if not (chr(c).isalnum() or chr(c) == "_")})


def _runs(doc: str) -> list[str]:
    """The runs of word characters of ``doc``, in order."""
    return doc.translate(_ASCII_GAPS).split() if doc.isascii() else _RUN.findall(doc)


def folded(docs: list[str]) -> list[str]:
    """Each document lower-cased, then stripped of accents as scikit-learn's
    ``strip_accents_unicode`` does (NFKD, combining marks dropped).

    Only documents that are not ASCII are normalised, and their combining marks are
    removed by one character class for all of them (a translation table walked each
    character in Python's slow path).

    Examples
    --------
    >>> folded(["Côte d'Ivoire", "ÉCOLE"])
    ["cote d'ivoire", 'ecole']
    """
    docs = [d.lower() for d in docs]
    odd = {k: unicodedata.normalize("NFKD", d) for k, d in enumerate(docs) if not d.isascii()}
    marks = sorted({c for c in set("".join(odd.values())) if unicodedata.combining(c)})
    strip = re.compile("[" + "".join(map(re.escape, marks)) + "]") if marks else None
    for k, d in odd.items():
        docs[k] = strip.sub("", d) if strip is not None else d
    return docs


def tfidf_rows(docs: list[str]) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows of ``docs`` (words: :data:`TOKEN`, no stop words).

    The arrays of scikit-learn's ``TfidfVectorizer(stop_words="english",
    sublinear_tf=True, lowercase=False, token_pattern=TOKEN.pattern)`` (see the module
    notes); a matrix with no column when no document has a word.

    Examples
    --------
    >>> tfidf_rows(["the and", ""]).shape
    (2, 0)
    """
    n = len(docs)
    # each document's distinct runs, in the order they first appear in it, and their counts;
    # runs numbered in order of first appearance in the corpus, as scikit-learn's vocabulary.
    # Numbered document by document: only the distinct runs are kept as strings (memory)
    number: dict[str, int] = {}
    code_of = number.setdefault
    runs, counts, lengths = array("q"), array("q"), array("q")
    for d in docs:
        counted = Counter(_runs(d))
        lengths.append(len(counted))
        runs.extend([code_of(w, len(number)) for w in counted])
        counts.extend(counted.values())
    lengths = np.frombuffer(lengths, dtype=np.int64) if n else np.zeros(0, dtype=np.int64)
    codes = np.frombuffer(runs, dtype=np.int64) if len(runs) else np.zeros(0, dtype=np.int64)
    tf = np.frombuffer(counts, dtype=np.int64) if len(counts) else np.zeros(0, dtype=np.int64)
    vocab = np.empty(len(number), dtype=object)
    vocab[:] = list(number)
    # a run is left out when it is not a word (a letter alone, digits, an underscore) or a
    # stop word: decided once per distinct run
    stop = np.fromiter((w in ENGLISH_STOP_WORDS or TOKEN.fullmatch(w) is None for w in vocab),
                       dtype=bool, count=len(vocab))
    keep = ~stop[codes]
    doc = np.repeat(np.arange(n, dtype=np.int64), lengths)[keep]
    seen = np.cumsum(~stop) - 1  # the runs left out only left gaps in the numbering
    word, tf = seen[codes[keep]], tf[keep]
    vocab = vocab[~stop]
    del runs, counts, codes, keep, seen  # each intermediate goes once read (memory)
    n_words = len(vocab)
    if n_words == 0:
        return sp.csr_matrix((n, 0))
    # within a row, words by first appearance in the corpus (scikit-learn's order)
    order = np.lexsort((word, doc))
    rows, first_seen, tf = doc[order], word[order], tf[order]
    del doc, word, order
    alphabetical = np.empty(n_words, dtype=np.int64)
    alphabetical[np.argsort(vocab.astype(str), kind="stable")] = np.arange(n_words)
    indices = alphabetical[first_seen].astype(np.int32)
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    del first_seen, rows
    data = tf.astype(np.float64)
    del tf
    np.log(data, data)  # sublinear tf, as scikit-learn: in place, then + 1
    data += 1.0
    df = np.bincount(indices, minlength=n_words).astype(np.float64)
    df += 1.0
    idf = np.full_like(df, fill_value=n + 1)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    data *= idf[indices]
    # row norms summed in stored order, one entry after another (scikit-learn's loop):
    # a CSR product with a vector of ones adds them so
    squares = sp.csr_matrix((data * data, indices, indptr), shape=(n, n_words))
    norms = np.sqrt(squares @ np.ones(n_words))
    data /= np.repeat(np.where(norms == 0.0, 1.0, norms), np.diff(indptr))
    return sp.csr_matrix((data, indices, indptr), shape=(n, n_words))
