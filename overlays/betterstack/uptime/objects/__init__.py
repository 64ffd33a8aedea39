"""Resource objects of the Better Stack Uptime API, one module per resource family."""

from .monitors import Monitor, MonitorGroup, MonitorSLA

__all__ = ["Monitor", "MonitorGroup", "MonitorSLA"]
