"""numpy peer of NotebookDL's benchmark: the same shapes, written as the cs231n assignments write them.

Run by tests/Benchmarks (Program.cs) as a child process with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed
from its environment, so that OpenBLAS picks its AVX-512 kernels. Prints one "key value" line per figure.
Usage: python3 numpy_peer.py [--cifar PATH] [--repeats N] [--budget SECONDS]
"""
import os
import sys
import time

import numpy as np


def best_of(fn, repeats, budget):
    """Best time of one call over `repeats` timed calls (after a warm-up), stopping early past `budget` s."""
    fn()
    best = float("inf")
    start = time.perf_counter()
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
        if time.perf_counter() - start > budget:
            break
    return best


def blas_library():
    """The BLAS numpy actually loaded (Debian switches libblas.so.3 between reference BLAS and OpenBLAS)."""
    try:
        with open("/proc/self/maps") as maps:
            names = {line.split()[-1] for line in maps if "blas" in line.lower()}
        return ",".join(sorted(os.path.basename(n) for n in names)) or "unknown"
    except OSError:
        return "unknown"


class TwoLayerNet:
    """cs231n's TwoLayerNet: affine - relu - affine - softmax, trained by SGD (float64; astype gives float32)."""

    def __init__(self, d, h, c, rng, std=0.01):
        # std 0.01: the engine's Initializer.Small, which the benchmark's engine side uses
        self.W1 = std * rng.standard_normal((d, h))
        self.b1 = np.zeros(h)
        self.W2 = std * rng.standard_normal((h, c))
        self.b2 = np.zeros(c)

    def astype(self, dtype):
        """A copy with every array rounded once to dtype (the engine's float32 net is its float64 net rounded)."""
        net = object.__new__(TwoLayerNet)
        for name in ("W1", "b1", "W2", "b2"):
            setattr(net, name, getattr(self, name).astype(dtype))
        return net

    def step(self, X, y, lr=1e-3):
        # forward
        h = X.dot(self.W1) + self.b1
        a = np.maximum(0, h)
        scores = a.dot(self.W2) + self.b2
        # softmax loss
        shifted = scores - scores.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        n = X.shape[0]
        loss = -log_probs[np.arange(n), y].mean()
        dscores = np.exp(log_probs)
        dscores[np.arange(n), y] -= 1
        dscores /= n
        # backward to the parameters: not dx of the data, which training never reads (the engine's step leaves it
        # out too; cs231n's affine_backward would compute it, one more product as large as X.dot(W1))
        dW2 = a.T.dot(dscores)
        db2 = dscores.sum(axis=0)
        da = dscores.dot(self.W2.T)
        dh = da * (h > 0)
        dW1 = X.T.dot(dh)
        db1 = dh.sum(axis=0)
        # SGD
        self.W1 -= lr * dW1
        self.b1 -= lr * db1
        self.W2 -= lr * dW2
        self.b2 -= lr * db2
        return loss


def load_cifar(path):
    raw = np.fromfile(path, dtype=np.uint8).reshape(-1, 3073)
    y = raw[:, 0].astype(np.int64)
    X = raw[:, 1:].astype(np.float64)
    X -= X.mean(axis=0)
    return X, y


def main():
    args = sys.argv[1:]
    cifar = args[args.index("--cifar") + 1] if "--cifar" in args else None
    repeats = int(args[args.index("--repeats") + 1]) if "--repeats" in args else 20
    budget = float(args[args.index("--budget") + 1]) if "--budget" in args else 3.0
    rng = np.random.default_rng(0)
    print(f"numpy {np.__version__}", flush=True)
    print(f"blas {blas_library()}", flush=True)

    # (1) one training step of the 3072-50-10 net at batch 200, float64 then the same net and rows rounded to float32
    X = rng.standard_normal((200, 3072))
    y = rng.integers(0, 10, 200)
    net = TwoLayerNet(3072, 50, 10, rng)
    for key, dtype in (("mlp-step-f64", np.float64), ("mlp-step-f32", np.float32)):
        Xn, netn = X.astype(dtype), net.astype(dtype)
        t = best_of(lambda: netn.step(Xn, y), repeats * 5, budget)
        print(f"{key} {200 / t:.1f}", flush=True)

    # (2) forward pass of 10 tanh layers of 500 units on a (1000, 500) input
    X = rng.standard_normal((1000, 500))
    Ws = [rng.standard_normal((500, 500)) * 0.01 for _ in range(10)]

    def deep_forward():
        H = X
        for W in Ws:
            H = np.tanh(H.dot(W))
        return H

    t = best_of(deep_forward, repeats, budget)
    print(f"tanh-forward-ms {t * 1e3:.3f}", flush=True)

    # (3) square products, float64 then the same matrices rounded to float32 (sgemm)
    for n in (1024, 2048):
        A = rng.standard_normal((n, n))
        B = rng.standard_normal((n, n))
        for key, dtype in ((f"gemm-{n}-gflops", np.float64), (f"gemm-{n}-f32-gflops", np.float32)):
            An, Bn = A.astype(dtype), B.astype(dtype)
            t = best_of(lambda: An.dot(Bn), max(3, repeats // 4), budget)
            print(f"{key} {2.0 * n ** 3 / t / 1e9:.2f}", flush=True)

    # (4) epochs per second on a CIFAR-10 batch file (10,000 images), batch 200, float64 then float32
    # (the mean-subtracted data and the net rounded once to float32, as the engine's float32 run gets them)
    if cifar and os.path.exists(cifar):
        X, y = load_cifar(cifar)
        net = TwoLayerNet(3072, 50, 10, rng)
        for key, dtype in (("cifar-epochs-per-s", np.float64), ("cifar-epochs-f32-per-s", np.float32)):
            Xn, netn = X.astype(dtype), net.astype(dtype)

            def epoch():
                order = rng.permutation(Xn.shape[0])
                for start in range(0, Xn.shape[0], 200):
                    idx = order[start:start + 200]
                    netn.step(Xn[idx], y[idx], lr=1e-5)  # the engine side's learning rate

            t = best_of(epoch, 3, budget * 2)
            print(f"{key} {1 / t:.3f}", flush=True)


if __name__ == "__main__":
    main()
