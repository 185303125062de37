"""A read-only set of a million words that costs nothing to open: a hash table of the
words' 64-bit hashes (blake2b, the same in every process), written once into the cache
folder and memory-mapped, so every process on the machine shares one copy in the page
cache and a fresh command starts without reading or hashing the word list.

`mapped(name, sources, words)` returns the set for `name`, built from `words()` when no
table exists for the current `sources` (their paths, sizes and modification times are in
the table's file name, so a new word list builds a new table). A word is in the set when
its hash is; two different words share a 64-bit hash with a chance of about one in 10^13
for a million words, as for the per-process `hash()` arrays it replaces.
"""
from __future__ import annotations

import hashlib
import mmap
import os
import tempfile
from bisect import bisect_left
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

FORMAT = "1"            # bump when the hash or the layout changes
LOAD = 0.6              # at most this share of the slots is used (linear probing stays short)
EMPTY = 0


def word_hash(word: str) -> int:
    """Given a word, return its 64-bit hash (never 0, which marks an empty slot)."""
    digest = hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") or 1


def cache_dir() -> Path:
    """$MINUTES_CACHE_DIR/words, else $XDG_CACHE_HOME/minutes/words, else ~/.cache/minutes/words."""
    if os.environ.get("MINUTES_CACHE_DIR"):
        return Path(os.environ["MINUTES_CACHE_DIR"]) / "words"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "minutes" / "words"


def build_table(hashes: np.ndarray) -> np.ndarray:
    """Given word hashes (uint64, none 0), return an open-addressing table: a power of two
    of slots, each hash in the first free slot from `hash & (size - 1)` on."""
    hashes = np.unique(hashes)
    size = 1 << max(4, int(np.ceil(np.log2(max(len(hashes), 1) / LOAD))))
    mask = np.uint64(size - 1)
    table = np.zeros(size, dtype=np.uint64)
    pending, step = hashes, np.uint64(0)
    while pending.size:
        slots = (pending + step) & mask
        free = table[slots] == EMPTY
        # of the keys that want one free slot, the first takes it; the others probe on
        order = np.flatnonzero(free)
        _, first = np.unique(slots[order], return_index=True)
        placed = order[first]
        table[slots[placed]] = pending[placed]
        keep = np.ones(pending.size, dtype=bool)
        keep[placed] = False
        pending, step = pending[keep], step + np.uint64(1)
        # a key that did not get its slot tries the next one (linear probing); keys are
        # placed in rounds, so one probing from an earlier slot never passes a free one
        if pending.size:
            pending_slots = (pending + step - np.uint64(1)) & mask
            assert (table[pending_slots] != EMPTY).all()
    return table


class WordSet:
    """A set of words held as a hash table of their `word_hash`es (see the module doc)."""

    def __init__(self, table):
        self._table = table                     # a memoryview of uint64 ('Q'), or an array
        self._mask = len(table) - 1
        self._size = None

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        h = word_hash(word)
        table, mask = self._table, self._mask
        i = h & mask
        while True:
            found = table[i]
            if found == h:
                return True
            if found == EMPTY:
                return False
            i = (i + 1) & mask

    def __len__(self) -> int:
        if self._size is None:
            self._size = int(np.count_nonzero(np.frombuffer(self._table, dtype=np.uint64)))
        return self._size


def _key(name: str, sources: Iterable[Path | str | None]) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{name}".encode())
    for source in sources:
        try:
            st = os.stat(source) if source is not None else None
        except OSError:
            st = None
        digest.update(f"\0{source}\0{st.st_size if st else -1}\0{st.st_mtime_ns if st else -1}".encode())
    return digest.hexdigest()[:20]


def _open(path: Path) -> WordSet | None:
    try:
        with open(path, "rb") as f:
            mapped_file = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    if len(mapped_file) < 8 or len(mapped_file) % 8:
        return None
    return WordSet(memoryview(mapped_file).cast("Q"))


def mapped(name: str, sources: Iterable[Path | str | None], words: Callable[[], Iterable[str]],
           folder: Path | None = None) -> WordSet:
    """The word set `name` of `words()`, memory-mapped from the cache folder (built there
    first when missing or out of date; built in memory when the folder cannot be written)."""
    folder = folder or cache_dir()
    path = folder / f"{name}-{_key(name, list(sources))}.u64"
    found = _open(path) if path.is_file() else None
    if found is not None:
        return found
    table = build_table(np.fromiter((word_hash(w) for w in words() if w), dtype=np.uint64))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(table.tobytes())
        os.replace(tmp, path)      # atomic: a process starting now maps a whole table
        for old in folder.glob(f"{name}-*.u64"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return WordSet(table)
    return _open(path) or WordSet(table)


class WordMap:
    """A read-only mapping of a million words to words (a lemma table) in the same spirit:
    the keys' `word_hash`es sorted, the values' offsets, and the values' UTF-8 bytes, all in
    one memory-mapped file (`mapped_map`), so no process holds it as Python objects."""

    def __init__(self, buffer):
        count = int.from_bytes(bytes(buffer[:8]), "little")
        self._keys = memoryview(buffer)[8:8 + 8 * count].cast("Q")
        self._offsets = memoryview(buffer)[8 + 8 * count:8 + 12 * count + 4].cast("I")
        self._blob = memoryview(buffer)[8 + 12 * count + 4:]

    def get(self, key: str, default=None):
        h = word_hash(key)
        i = bisect_left(self._keys, h)
        if i == len(self._keys) or self._keys[i] != h:
            return default
        return bytes(self._blob[self._offsets[i]:self._offsets[i + 1]]).decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return len(self._keys)

    @staticmethod
    def encode(pairs: Iterable[tuple[str, str]]) -> bytes:
        """The file's bytes for (key, value) pairs; a key given twice keeps its last value."""
        latest = {word_hash(k): v for k, v in pairs if k}
        keys = np.array(sorted(latest), dtype=np.uint64)
        values = [latest[int(k)].encode("utf-8", "surrogatepass") for k in keys]
        offsets = np.zeros(len(values) + 1, dtype=np.uint32)
        np.cumsum([len(v) for v in values], out=offsets[1:])
        return len(keys).to_bytes(8, "little") + keys.tobytes() + offsets.tobytes() + b"".join(values)


def mapped_map(name: str, sources: Iterable[Path | str | None], pairs: Callable[[], Iterable[tuple[str, str]]],
               folder: Path | None = None) -> WordMap:
    """The word map `name` of `pairs()`, memory-mapped from the cache folder like `mapped`."""
    folder = folder or cache_dir()
    path = folder / f"{name}-{_key(name, list(sources))}.map"
    if path.is_file():
        try:
            with open(path, "rb") as f:
                return WordMap(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
        except (OSError, ValueError):
            pass
    data = WordMap.encode(pairs())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        for old in folder.glob(f"{name}-*.map"):
            if old != path:
                old.unlink(missing_ok=True)
        with open(path, "rb") as f:
            return WordMap(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
    except OSError:
        return WordMap(data)
