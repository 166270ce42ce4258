#!/usr/bin/env bash
# Optional, for the one test that prints for real: a PDF printer named "PDF"
# (CUPS + cups-pdf, which writes each job to ~/PDF).  Needs root and Debian's
# packages; on any failure it says so and the real-print test is skipped.
set -uo pipefail
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "test-printer: needs root and apt-get; the real-print test will be skipped"
    exit 0
fi
if ! lpstat -p PDF >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq cups-daemon cups-client printer-driver-cups-pdf; } \
        >/dev/null 2>&1 || { echo "test-printer: could not install CUPS; skipping"; exit 0; }
    running() { lpstat -r 2>/dev/null | grep -qx "scheduler is running"; }
    running || cupsd || { echo "test-printer: cupsd did not start"; exit 0; }
    for _ in 1 2 3 4 5 6 7 8 9 10; do running && break; sleep 1; done
    lpadmin -p PDF -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd >/dev/null 2>&1 \
        || { echo "test-printer: could not add the PDF printer"; exit 0; }
fi
echo "test-printer: printer PDF ready"
