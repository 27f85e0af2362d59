"""Small data sets the tests write themselves (files in the shared data's formats)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

N_TF, N_TG, N_DIS = 10, 30, 12


def write_hgetgi_like(folder: Path, seed: int = 0) -> Path:
    """An HGETGI-format folder: 10 TFs, 30 targets, 12 diseases (+ the CS pseudo-disease), ~90 edges."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "id_TF.txt").write_text("".join(f"{i}\tzTFX{i}\n" for i in range(N_TF)))
    (folder / "id_Target.txt").write_text("".join(f"{j}\ttGENEX{j}\n" for j in range(N_TG)))
    (folder / "id_Disease.txt").write_text("".join(f"{d}\tC{d:07d}\n" for d in range(N_DIS)) + f"{N_DIS}\tCS\n")
    pairs = {(int(rng.integers(0, N_TF // 2 + 2)), int(rng.integers(0, N_TG))) for _ in range(90)}
    (folder / "TF_Target.txt").write_text("".join(f"{a}\t{b}\n" for a, b in sorted(pairs)))
    td = {(int(rng.integers(0, N_TF)), int(rng.integers(0, N_DIS))) for _ in range(15)}
    gd = {(int(rng.integers(0, N_TG)), int(rng.integers(0, N_DIS))) for _ in range(40)}
    (folder / "TF_Disease.txt").write_text("".join(f"{a}\t{b}\n" for a, b in sorted(td)))
    (folder / "Target_Disease.txt").write_text("".join(f"{a}\t{b}\n" for a, b in sorted(gd)))
    return folder
