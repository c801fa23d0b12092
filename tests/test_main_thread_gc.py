"""Garbage collection runs on the UI thread only, once a worker can run."""

from __future__ import annotations

import gc
import threading

from vp_desktop.ui import main_thread_gc


def test_a_worker_never_collects_after_install(qapp):
    main_thread_gc.install()
    assert not gc.isenabled()
    collected_on = []

    class Cycle:
        def __del__(self):
            collected_on.append(threading.current_thread().name)

    def work():  # allocates plenty: an automatic collection would happen here
        a = Cycle()
        a.me = a
        del a
        _junk = [[i] for i in range(200_000)]

    thread = threading.Thread(target=work, name="werker")
    thread.start()
    thread.join()
    assert collected_on == []
    gc.collect()
    assert collected_on == [threading.main_thread().name]
    assert main_thread_gc._installed and main_thread_gc._installed[0].isActive()
