"""Offline model building (`python main.py model train`): the sentence generator and the training loop. No serving
process imports it."""
