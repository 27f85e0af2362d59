"""One three-line case per registered model (the template checks live in ``cases.py``)."""

from __future__ import annotations

from tests.models import cases
from tests.models.cases import snapshot  # noqa: F401  (fixture)
from tfkg.models.baselines import DegreeProduct, EdgePrior, RandomScore, TrainingPrior
from tfkg.models.coexpression import GENIE3, MutualInfo, PearsonAbs
from tfkg.models.ens import ENS
from tfkg.models.expression_baselines import TFSVR, GeneMean, PriorRidge, TFRidge
from tfkg.models.gnt import GNT
from tfkg.models.hetnet import HetnetGBM, HetnetLR
from tfkg.models.motif_rnn import MotifRNN
from tfkg.models.mtlgrn import GAT, KOMLP, MTLGRN, FeatureMLP, GENELink
from tfkg.models.perturbation_baselines import Additive, LinearEffect, LinearPropagation, MeanEffect, NoChange
from tfkg.models.prior_gat import PriorGAT


class TestRandom(cases.LinkPredictorCase):
    cls = RandomScore


class TestDegree(cases.LinkPredictorCase):
    cls = DegreeProduct


class TestPrior(cases.LinkPredictorCase):
    cls = TrainingPrior


class TestEdgePrior(cases.LinkPredictorCase):
    cls = EdgePrior


class TestPearson(cases.LinkPredictorCase):
    cls = PearsonAbs


class TestMI(cases.LinkPredictorCase):
    cls = MutualInfo


class TestENS(cases.LinkPredictorCase):
    cls = ENS
    params = {"walks_per_node": 4, "walk_length": 12, "dim": 8, "sgns_steps": 10, "finetune_epochs": 5}


class TestHetnetLR(cases.LinkPredictorCase):
    cls = HetnetLR


class TestHetnetGBM(cases.LinkPredictorCase):
    cls = HetnetGBM
    params = {"max_iter": 20}


class TestMean(cases.ExpressionPredictorCase):
    cls = GeneMean


class TestRidge(cases.ExpressionPredictorCase):
    cls = TFRidge


class TestNoChange(cases.PerturbationPredictorCase):
    cls = NoChange


class TestMeanEffect(cases.PerturbationPredictorCase):
    cls = MeanEffect


class TestLinear(cases.PerturbationPredictorCase):
    cls = LinearEffect


class TestPriorRidge(cases.ExpressionPredictorCase):
    cls = PriorRidge
    harness_params = {"prior": "all"}  # DREAM4 has no motif prior


class TestSVR(cases.ExpressionPredictorCase):
    cls = TFSVR


class TestMotifRNN(cases.ExpressionPredictorCase):
    cls = MotifRNN
    params = {"steps": 20, "max_iter": 60, "tol": 1e-4, "batch_size": 12}
    task = "expression"
    harness_params = {"prior": "all"}  # DREAM4 has no motif prior


class TestLinearPropagation(cases.PerturbationPredictorCase):
    cls = LinearPropagation


class TestPriorGAT(cases.ExpressionPredictorCase):
    cls = PriorGAT
    params = {"steps": 20}
    harness_params = {"prior": "all"}  # DREAM4 has no motif prior


class TestAdditive(cases.PerturbationPredictorCase):
    cls = Additive


FAST_GAT = {"epochs": 15, "heads": 2, "hidden": 8, "out_dim": 8, "pca_dim": 4}


class TestMTLGRN(cases.LinkPredictorCase):
    cls = MTLGRN
    params = FAST_GAT


class TestMTLGRNKnockout(cases.PerturbationPredictorCase):
    cls = MTLGRN
    params = FAST_GAT
    task = "perturbation"


class TestGAT(cases.LinkPredictorCase):
    cls = GAT
    params = FAST_GAT


class TestFeatureMLP(cases.LinkPredictorCase):
    cls = FeatureMLP
    params = FAST_GAT


class TestKOMLP(cases.PerturbationPredictorCase):
    cls = KOMLP
    params = FAST_GAT


class TestGENIE3(cases.LinkPredictorCase):
    cls = GENIE3
    params = {"trees": 5, "threads": 1}


class TestGNT(cases.LinkPredictorCase):
    cls = GNT
    params = {"dim": 8, "epochs": 3}


class TestGENELink(cases.LinkPredictorCase):
    cls = GENELink
    params = FAST_GAT
