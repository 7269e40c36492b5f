"""piimask engine: detection, operators, policies and table processing.

Both process kinds (the FastAPI service and the RQ workers) import this package; it holds no process state.
"""
