"""TF-IDF vectors without scikit-learn: the very arrays scikit-learn's TfidfVectorizer returns."""
from __future__ import annotations

import random
import subprocess
import sys

import numpy as np
import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN_STOP_WORDS
from sklearn.feature_extraction.text import TfidfVectorizer, strip_accents_unicode

from ecosystem.reference.stop_words import ENGLISH_STOP_WORDS
from ecosystem.measures.coordination.text_vectors import TOKEN, folded, tfidf_rows


def sklearn_rows(docs):
    """What the overlap vectors were before: scikit-learn's, with the project's options."""
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, lowercase=False,
                          token_pattern=TOKEN.pattern)
    try:
        return vec.fit_transform(docs).tocsr()
    except ValueError:                                   # "empty vocabulary"
        return None


def assert_same_arrays(docs):
    ours, theirs = tfidf_rows(docs), sklearn_rows(docs)
    if theirs is None:
        assert ours.shape == (len(docs), 0)
        return
    assert ours.shape == theirs.shape
    assert ours.indptr.tolist() == theirs.indptr.tolist()
    assert ours.indices.tolist() == theirs.indices.tolist()     # the same order within rows
    assert ours.indices.dtype == theirs.indices.dtype
    assert (ours.data.view(np.int64) == theirs.data.view(np.int64)).all()   # bit for bit


def test_stop_words_are_scikit_learns():
    assert ENGLISH_STOP_WORDS == SKLEARN_STOP_WORDS


def test_hand_written_texts_give_scikit_learns_arrays():
    docs = folded([
        "Coral reefs of Fiji: restoring 20 reefs by 2030!",
        "coral_reef monitoring, reef2reef and A1 sensors",   # runs with _ or digits: no word
        "The and of to",                                       # stop words only
        "",
        "Côte d'Ivoire — pêche artisanale; Ñandú, straße",
        "海洋 保護 and 日本の海",                                 # letters without spaces
        "x y z reef reef reef reef",                           # one-letter runs, repeats
        "line\u2028separator\u00a0nbsp\ttab\nnewline ²³ ½ Ⅻ",  # odd spaces, numerals
        "e\u0301cole combining marks à la carte",
    ])
    assert_same_arrays(docs)


@pytest.mark.parametrize("seed", range(40))
def test_random_texts_give_scikit_learns_arrays(seed):
    rng = random.Random(seed)
    alphabet = list("abcdefghijklmnopqrstuvwxyz  éüßñ海洋_0123-'.,") + ["\u0301", "\u202e", "\n"]
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(200)]
    words += ["the", "and", "reef", "ocean", "is", "of"]
    docs = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
            for _ in range(rng.randint(1, 60))]
    assert_same_arrays(folded(docs))


def test_folding_is_scikit_learns_strip_accents():
    docs = ["Côte d'Ivoire", "ÉCOLE", "e\u0301cole", "Ångström ﬁsh", "plain", "海洋", ""]
    assert folded(docs) == [strip_accents_unicode(d.lower()) for d in docs]


@pytest.mark.slow
def test_ocean_texts_give_scikit_learns_arrays(ocean):
    ini = ocean.initiatives
    texts = (ini["title"].fillna("") + " " + ini["description"].fillna("")).str.strip().tolist()
    assert_same_arrays(folded(texts))


def test_report_and_cli_import_without_scikit_learn():
    code = "import sys, ecosystem.cli, ecosystem.report; print(sorted(m for m in sys.modules if m.startswith('sklearn')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
