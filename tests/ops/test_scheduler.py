"""The scheduler runs each job once across processes and engines, on the clock tests control."""

from __future__ import annotations

import asyncio
import datetime as dt
import multiprocessing
from pathlib import Path

from sqlalchemy import select

from helpline.settings import clock
from helpline.store.db import job_leases, make_engine
from helpline.store.scheduler import Job, Scheduler

START = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone.utc)
EVERY = dt.timedelta(minutes=5)


def _record_run(log: Path):
    def run(now: dt.datetime) -> None:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(now.isoformat() + "\n")

    return run


def _worker(url: str, log: str, barrier, at: str, passes: int, results) -> None:
    """One process: its own engine, the clock fixed at `at`, many scheduler passes at once."""
    clock.set_now(dt.datetime.fromisoformat(at))
    engine = make_engine(url)
    job = Job("count", EVERY, _record_run(Path(log)))
    scheduler = Scheduler(engine, jobs={"count": job})
    barrier.wait(timeout=60)
    ran = 0
    for _ in range(passes):
        ran += len(asyncio.run(scheduler.run_due()))
    results.put(ran)


def run_in_two_processes(url: str, log: Path, at: dt.datetime, passes: int = 25) -> list[int]:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    processes = [
        context.Process(target=_worker, args=(url, str(log), barrier, at.isoformat(), passes, results))
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    counts = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    return counts


def test_two_processes_run_a_due_job_once(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'helpline.db'}"
    make_engine(url)  # the schema exists before the race
    log = tmp_path / "runs.log"
    counts = run_in_two_processes(url, log, START)
    assert sorted(counts) == [0, 1]
    assert log.read_text().splitlines() == [START.isoformat()]
    # Four minutes on: not due yet, in either process.
    counts = run_in_two_processes(url, log, START + dt.timedelta(minutes=4))
    assert counts == [0, 0]
    # One interval on: due again, run once more.
    counts = run_in_two_processes(url, log, START + EVERY)
    assert sorted(counts) == [0, 1]
    assert len(log.read_text().splitlines()) == 2


def test_two_engines_in_one_process_and_a_lost_lease(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'helpline.db'}"
    first, second = make_engine(url), make_engine(url)
    runs: list[dt.datetime] = []
    job = Job("count", EVERY, runs.append, lease=dt.timedelta(minutes=2))
    a = Scheduler(first, jobs={"count": job})
    b = Scheduler(second, jobs={"count": job})
    with clock.frozen(START):
        assert a.take(job)  # a takes the lease and then dies without releasing it
        assert not b.take(job)
        assert asyncio.run(b.run_due()) == []
        clock.advance(dt.timedelta(minutes=2))  # the lease has expired: b takes the job over
        assert asyncio.run(b.run_due()) == ["count"]
        assert runs == [START + dt.timedelta(minutes=2)]
        a.release(job, "ok")  # a late release by the old holder changes nothing
        with second.connect() as conn:
            row = conn.execute(select(job_leases)).one()
        assert row.runs == 1 and row.last_status == "ok"
        assert row.next_run_at == (START + dt.timedelta(minutes=7)).replace(tzinfo=None)


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'helpline.db'}")
    done: list[str] = []

    def broken(now: dt.datetime) -> None:
        raise RuntimeError("boom")

    async def fine(now: dt.datetime) -> None:
        done.append("fine")

    scheduler = Scheduler(
        engine, jobs={"broken": Job("broken", EVERY, broken), "fine": Job("fine", EVERY, fine)}
    )
    with clock.frozen(START):
        assert asyncio.run(scheduler.run_due()) == ["broken", "fine"]
        status = {row["name"]: row for row in scheduler.status()}
    assert status["broken"]["last_status"] == "error"
    assert status["fine"]["last_status"] == "ok"
    assert done == ["fine"]


def test_run_forever_stops_when_told(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'helpline.db'}")
    runs: list[dt.datetime] = []

    async def main() -> None:
        stop = asyncio.Event()

        def run_and_stop(now: dt.datetime) -> None:
            runs.append(now)
            stop.set()

        scheduler = Scheduler(engine, jobs={"once": Job("once", EVERY, run_and_stop)})
        await asyncio.wait_for(scheduler.run_forever(stop, interval=3600), timeout=30)

    with clock.frozen(START):
        asyncio.run(main())
    assert runs == [START]
