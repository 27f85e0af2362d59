"""ENS: enhanced negative sampling + meta-path embeddings (model, walk engine, aggregated skip-gram)."""

from tfkg.models.ens.model import ENS, ENSParams

__all__ = ["ENS", "ENSParams"]
