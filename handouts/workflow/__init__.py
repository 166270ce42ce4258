"""The orchestrator: one way from a request to a delivered handout.

Every front end (the CLI, the batch workers, a later web app) asks this
package, never the stages directly: resolve the clinic and library once,
check everything that could fail, name the output, build, render, protect,
write and deliver, and return a typed result for the front end to show.
"""
