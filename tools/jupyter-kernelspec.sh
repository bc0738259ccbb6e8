#!/usr/bin/env bash
# Rewrites the .NET (C#) Jupyter kernelspec so the kernel listens on 127.0.0.1 only (--http-local-only) and
# Jupyter's Interrupt button sends a message instead of SIGINT (which kills the stock kernel and its state).
# Run after `dotnet interactive jupyter install`.
set -euo pipefail
tool="${HOME}/.dotnet/tools/dotnet-interactive"
[ -x "$tool" ] || { echo "install the kernel first: dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001" >&2; exit 1; }
dir="$(jupyter --data-dir 2>/dev/null || echo "$HOME/.local/share/jupyter")/kernels/.net-csharp"
mkdir -p "$dir"
cat > "$dir/kernel.json" <<JSON
{
  "argv": ["$tool", "jupyter", "--default-kernel", "csharp", "{connection_file}", "--http-local-only", "--http-port-range", "2048-3000"],
  "display_name": ".NET (C#)",
  "language": "C#",
  "interrupt_mode": "message",
  "metadata": { "vscode": { "extension_id": "ms-dotnettools.dotnet-interactive-vscode", "kernel_id": "dotnet-interactive" } }
}
JSON
echo "wrote $dir/kernel.json"
