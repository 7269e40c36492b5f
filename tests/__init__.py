"""The tests: real redis-server, service and worker processes, and the committed checkpoint."""
