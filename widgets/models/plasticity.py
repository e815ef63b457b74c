"""Steps 6 and 7: BDNF/mTORC1 signalling and new dendritic spines.

Rodent evidence sets the clock (doses of 3-10 mg/kg i.p.; rodents clear
ketamine far faster than people):

* BDNF translation and mTORC1 signalling rise within 30-60 min and are back
  near baseline by ≈2 h (Autry 2011; Li 2010); synaptic proteins rise by 2 h
  and last ≥72 h (Li 2010).
* New spines: formation is unchanged at 3-6 h and markedly raised at 12-24 h
  (Moda-Sava 2019); density stays raised for up to 2 weeks
  (Phoumthipphavong 2016).  In humans, synaptic density (SV2A PET) showed no
  change at 24 h (Holmes 2022).

Model (all rate constants are TEACHING CHOICES fitted by eye to these
landmarks, not to data):

* signalling P:  dP/dt = K_SIGNAL·val66met·G·(1 − P) − P/TAU_SIGNAL_H
* synaptic building blocks, a two-stage delay of P: M1, M2 with TAU_PROTEIN_H
  each, so that spine formation starts after ≈6-12 h
* spines S:  dS/dt = K_SPINE·M2·(1 − S) − S/TAU_SPINE_H

``val66met`` scales the signalling gain: 1 for Val/Val; Met carriers respond
less in mice and in some human studies (Liu 2012; Laje 2012), and the 0.6
used for "Met carrier" in the course is illustrative, not measured.
"""

from __future__ import annotations

__all__ = [
    "K_SIGNAL_PER_H",
    "K_SPINE_PER_H",
    "TAU_PROTEIN_H",
    "TAU_SIGNAL_H",
    "TAU_SPINE_H",
    "VAL66MET_GAIN",
]

#: Signalling gain (1/h per unit glutamate) and decay time (h).
K_SIGNAL_PER_H = 4.0
TAU_SIGNAL_H = 0.75
#: Time constant (h) of each of the two delay stages between signalling and spine formation.
TAU_PROTEIN_H = 7.0
#: Spine formation gain (1/h per unit M2) and spine lifetime (h): density decays with a
#: half-life of ≈3.5 days, so a single dose's gain fades over one to two weeks.
K_SPINE_PER_H = 0.5
TAU_SPINE_H = 5.0 * 24.0
#: Signalling gain by BDNF genotype (illustrative).
VAL66MET_GAIN = {"val/val": 1.0, "met carrier": 0.6}
