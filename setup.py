"""Build the compiled core (``copydesk._cscan``, Cython); everything else is in pyproject.toml."""

from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize(
        [Extension("copydesk._cscan", ["copydesk/_cscan.pyx"])],
        compiler_directives={"language_level": "3"},
    ),
)
