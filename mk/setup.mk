# Install the Debian packages the build needs, saying which.
# `make setup` always checks; other targets call setup-quiet, which checks
# for the commands and runs apt-get only when something is missing.

DEBIAN_PACKAGES := make gcc gcc-multilib gdb noweb pandoc qemu-system-x86 libcriterion-dev \
	texlive-xetex texlive-latex-recommended texlive-latex-extra texlive-lang-chinese \
	texlive-fonts-recommended lmodern fonts-noto-cjk latexmk poppler-utils procps chromium \
	libjemalloc2 libmimalloc2.0

# command -> package, for the quick check
SETUP_CHECKS := notangle:noweb pandoc:pandoc qemu-system-i386:qemu-system-x86 \
	xelatex:texlive-xetex latexmk:latexmk pdftotext:poppler-utils gdb:gdb pgrep:procps \
	chromium:chromium

.PHONY: setup setup-quiet
setup:
	@sh mk/setup.sh $(DEBIAN_PACKAGES)

setup-quiet:
	@missing=""; \
	for c in $(SETUP_CHECKS); do command -v $${c%%:*} >/dev/null 2>&1 || missing="$$missing $${c#*:}"; done; \
	[ -f /usr/include/criterion/criterion.h ] || missing="$$missing libcriterion-dev"; \
	[ -d /usr/lib/gcc/x86_64-linux-gnu/12/32 ] || [ -n "$$(ls -d /usr/lib/gcc/*/*/32 2>/dev/null)" ] || missing="$$missing gcc-multilib"; \
	fc-list 2>/dev/null | grep -q 'Noto Serif CJK' || missing="$$missing fonts-noto-cjk"; \
	kpsewhich xeCJK.sty >/dev/null 2>&1 || missing="$$missing texlive-lang-chinese"; \
	if [ -n "$$missing" ]; then echo "setup: missing:$$missing"; sh mk/setup.sh $(DEBIAN_PACKAGES); fi
