"Helpers shared by the benchmark scripts (run as `python benchmarks/<script>.py`, so this folder is on the path)."
import platform

def cpu_model()->str:
    "The CPU's model name (Linux /proc/cpuinfo), else platform.processor()."
    try:
        for ln in open('/proc/cpuinfo'):
            if ln.startswith('model name'): return ln.split(':', 1)[1].strip()
    except OSError: pass
    return platform.processor() or platform.machine()
