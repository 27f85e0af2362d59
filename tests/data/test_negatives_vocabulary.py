"""One vocabulary of training negatives (``tfkg.data.negatives.TRAINING_NEGATIVES``), one option name on the commands."""

from __future__ import annotations

import click
import pytest

from tfkg.cli import COMMANDS
from tfkg.data import negatives
from tfkg.eval import protocols


def test_protocols_use_the_registry_of_tfkg_data_negatives():
    assert protocols.TRAIN_NEGATIVES is negatives.TRAINING_NEGATIVES
    assert set(negatives.TRAINING_KINDS) <= set(negatives.TRAINING_NEGATIVES)
    assert "file" not in negatives.TRAINING_KINDS  # a whole snapshot has no split file


@pytest.mark.parametrize("command", ["evaluate", "predict", "case-study"])
def test_train_negatives_is_one_option_with_the_old_alias(command):
    cmd = COMMANDS.get(command)
    (opt,) = [p for p in cmd.params if isinstance(p, click.Option) and p.name == "train_negatives"]
    assert opt.opts == ["--train-negatives", "--negatives"]
    assert isinstance(opt.type, click.Choice)
    assert set(opt.type.choices) <= set(negatives.TRAINING_NEGATIVES)
