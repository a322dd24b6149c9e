"""Triage: level scales, rule floors, the learned acuity model, and the engine that decides."""
