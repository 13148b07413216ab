# CamXuc — `make run` and `make test` set everything up on a fresh Debian 12 machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

SWIFT_BIN := $(wildcard /opt/swift/usr/bin)
ifneq ($(SWIFT_BIN),)
export PATH := $(SWIFT_BIN):$(PATH)
endif

# Debian packages the build, the tests and the sound need (TimGM6mb comes with fluidsynth).
DEBIAN_PACKAGES := libncursesw5-dev libasound2-dev libfluidsynth-dev libopenblas-dev fluidsynth tmux sox pkg-config python3-venv locales
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

RELEASE_BIN := .build/release/camxuc
FUZZ_SECONDS ?= 20
ARGS ?=

# A small Python environment with mido, the independent MIDI library the interoperability test reads our files with.
E2E_VENV := .build/e2e-venv
MIDO_VERSION := 1.3.3

# The training environment (PyTorch on CPU), made from pinned requirements by the train-* targets.
TRAIN_VENV := Models/training/.venv

.PHONY: run test deps build build-debug unit e2e fuzz bench clean help train-emotion train-calm train-music

help:
	@echo "make run     install what is missing, build release, open the studio (ARGS='play take.mid' runs a command instead)"
	@echo "make test    install what is missing, build, run every test, the end-to-end checks and a short fuzz run"
	@echo "make bench   print speed figures (render, first sound, the emotion and music models against PyTorch, the studio)"
	@echo "make fuzz    fuzz the MIDI reader and event schedule for FUZZ_SECONDS (default 20), the safetensors reader for FUZZ_SAFETENSORS_SECONDS (10)"
	@echo "make train-emotion  retrain the emotion classifier (Models/emotion-vi.*), about 3 minutes on 2 cores"
	@echo "make train-calm     retrain the calm head (Models/emotion-vi-calm.*), a few seconds"
	@echo "make train-music    prepare the MIDI corpora and train the music LSTM (resumable, about 90 minutes)"

## Installs the Debian packages that are missing (apt-get update only when something is).
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi
	@command -v swift >/dev/null || { echo "swift is not on PATH (expected in /opt/swift/usr/bin)"; exit 1; }

build: deps
	swift build -c release --product camxuc

build-debug: deps
	swift build --build-tests

run: build
	$(RELEASE_BIN) $(ARGS)

$(E2E_VENV)/bin/python:
	python3 -m venv $(E2E_VENV)
	$(E2E_VENV)/bin/pip install --quiet --disable-pip-version-check mido==$(MIDO_VERSION)

## Unit and integration tests (Swift Testing). Audio goes to ALSA's null device.
## The tests' temporary files go to .build/test-tmp (TMPDIR), emptied before and after a run, not to /tmp.
unit: build-debug $(E2E_VENV)/bin/python
	rm -rf $(CURDIR)/.build/test-tmp && mkdir -p $(CURDIR)/.build/test-tmp
	CAMXUC_PYTHON=$(CURDIR)/$(E2E_VENV)/bin/python ALSA_CONFIG_PATH=$(CURDIR)/Tests/Fixtures/alsa-null.conf \
	  XDG_STATE_HOME=$(CURDIR)/.build/test-state TMPDIR=$(CURDIR)/.build/test-tmp/ swift test --skip-build
	rm -rf $(CURDIR)/.build/test-tmp

## The real binary, driven as a user would (tmux for the terminal, ALSA's null device for sound; mido writes the
## primers and reads the continued files).
e2e: build $(E2E_VENV)/bin/python
	CAMXUC=$(CURDIR)/$(RELEASE_BIN) CAMXUC_PYTHON=$(CURDIR)/$(E2E_VENV)/bin/python bash Tests/EndToEnd/run.sh

## libFuzzer on the Standard MIDI File reader with the event schedule built from what it reads, and on the
## safetensors reader. The MIDI target compiles CamXucMusic's top-level sources (the take model, MIDI files, events)
## without Generation/, which needs the tensor library, plus CamXucAudio's EventSchedule, with their imports removed and
## CamXucSupport compiled in.
FUZZ_SAFETENSORS_SECONDS ?= 10
fuzz: deps
	@mkdir -p .build/fuzz/corpus .build/fuzz/tensors .build/fuzz/src
	rm -f .build/fuzz/src/*.swift
	sed '/^import CamXucMusic$$/d' Sources/CamXucAudio/EventSchedule.swift >.build/fuzz/src/EventSchedule.swift
	sed '/^import CamXucMusic$$/d' Sources/CamXucAudio/ScheduledEvent.swift >.build/fuzz/src/ScheduledEvent.swift
	for f in Sources/CamXucMusic/*.swift; do sed '/^import CamXucSupport$$/d' $$f >.build/fuzz/src/Music-$$(basename $$f); done
	swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name CamXucMusicFuzz \
	  .build/fuzz/src/*.swift Sources/CamXucSupport/*.swift Tests/Fuzz/MIDIReaderFuzz.swift \
	  -o .build/fuzz/midi-reader 2>&1 \
	  | { grep -v "Cannot export local symbol" || true; }
	swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name CamXucTensorFuzz \
	  Sources/CamXucTensor/SafeTensorsFile.swift Sources/CamXucTensor/Tensor.swift Sources/CamXucTensor/TensorError.swift \
	  Tests/Fuzz/SafeTensorsFuzz.swift -o .build/fuzz/safetensors 2>&1 \
	  | { grep -v "Cannot export local symbol" || true; }
	cp Tests/Fixtures/midi/*.mid Tests/Fixtures/midi/*.kar Tests/Fixtures/midi/*.rmi .build/fuzz/corpus/
	cp Tests/Fixtures/tensor/*.safetensors .build/fuzz/tensors/
	@status=0; .build/fuzz/midi-reader -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=5 \
	  -artifact_prefix=.build/fuzz/ .build/fuzz/corpus > .build/fuzz/log 2>&1 || status=$$?; \
	if [ $$status -ne 0 ]; then tail -40 .build/fuzz/log; \
	  echo "fuzz: the MIDI reader failed (exit $$status); the input is in .build/fuzz/crash-* or timeout-*"; exit 1; fi; \
	echo "fuzz: MIDI reader and event schedule: $$(grep -E '^Done' .build/fuzz/log) without a crash, leak or hang"
	@status=0; .build/fuzz/safetensors -max_total_time=$(FUZZ_SAFETENSORS_SECONDS) -max_len=4096 -timeout=5 \
	  -artifact_prefix=.build/fuzz/tensor- .build/fuzz/tensors > .build/fuzz/tensor-log 2>&1 || status=$$?; \
	if [ $$status -ne 0 ]; then tail -40 .build/fuzz/tensor-log; \
	  echo "fuzz: the safetensors reader failed (exit $$status); the input is in .build/fuzz/tensor-crash-*"; exit 1; fi; \
	echo "fuzz: safetensors reader: $$(grep -E '^Done' .build/fuzz/tensor-log) without a crash, leak or hang"

test: unit fuzz e2e

bench: build
	swift build -c release --product camxuc-bench
	CAMXUC=$(CURDIR)/$(RELEASE_BIN) bash Benchmarks/bench.sh

$(TRAIN_VENV)/bin/python: Models/training/requirements.txt
	python3 -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/pip install --quiet --disable-pip-version-check -r Models/training/requirements.txt
	touch $@

## Retrains the emotion classifier and rewrites Models/emotion-vi.* and its golden fixture (resumes from checkpoints).
train-emotion: deps $(TRAIN_VENV)/bin/python
	$(TRAIN_VENV)/bin/python Models/training/train_emotion.py

## Trains the calm head (how calm a good feeling is, for the arousal of a text's point) on the calm/lively corpus
## and rewrites Models/emotion-vi-calm.* (a few seconds).
train-calm: $(TRAIN_VENV)/bin/python
	$(TRAIN_VENV)/bin/python Models/training/text/train_calm.py --write

## Prepares the MIDI corpora once, trains the music LSTM in two phases (mixed data to step 4,200, then mostly
## labelled data to step 5,400; resumes from its checkpoint; about 88 minutes on one thread), exports
## it, trains the judge, evaluates the takes per quadrant and writes the model card.
train-music: deps $(TRAIN_VENV)/bin/python
	@test -f Models/training/data/music-train.npz || $(TRAIN_VENV)/bin/python Models/training/prepare_music_data.py
	@mkdir -p Models/training/runs
	$(TRAIN_VENV)/bin/python Models/training/train_music.py --until-step 4200 --minutes 80 2>&1 | tee -a Models/training/runs/music.log
	$(TRAIN_VENV)/bin/python Models/training/train_music.py --until-step 5400 --minutes 20 --labelled-share 0.8 --resume-lr 0.001 2>&1 | tee -a Models/training/runs/music.log
	$(TRAIN_VENV)/bin/python Models/training/export_music.py
	$(TRAIN_VENV)/bin/python Models/training/train_judge.py
	swift build -c release --product camxuc-bench
	CAMXUC_MUSIC_MODEL=music-lstm .build/release/camxuc-bench music-eval 50 30 Models/music-lstm.eval.json
	$(TRAIN_VENV)/bin/python Models/training/music_card.py

clean:
	rm -rf .build .build-*
