"""Motif-prior recurrent network (LEMBAS-style): model and steady-state solver."""

from tfkg.models.motif_rnn.model import MotifRNN, MotifRNNParams

__all__ = ["MotifRNN", "MotifRNNParams"]
