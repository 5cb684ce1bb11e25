"""Parses DCAT feed files with rdflib and validates them with pyshacl.

Reads a JSON request naming the files, their rdflib format and the SHACL shapes. Prints
a JSON report with, per file, the triple count, the dataset identifiers and the Hydra
next links. For each shapes set, the report gives the number of sh:Violation results on
the union of the files marked for validation.
"""

import json
import sys

from pyshacl import validate
from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, RDF, SH

DCAT = Namespace("http://www.w3.org/ns/dcat#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")


def describe(graph):
    identifiers = sorted(
        str(identifier)
        for dataset in graph.subjects(RDF.type, DCAT.Dataset)
        for identifier in graph.objects(dataset, DCTERMS.identifier)
    )
    views = list(graph.subjects(RDF.type, HYDRA.PartialCollectionView))
    paged = list(graph.subjects(RDF.type, HYDRA.PagedCollection))
    return {
        "triples": len(graph),
        "identifiers": identifiers,
        "next": sorted(str(o) for v in views for o in graph.objects(v, HYDRA.next)),
        "next_page": sorted(str(o) for v in paged for o in graph.objects(v, HYDRA.nextPage)),
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        request = json.load(handle)
    report = {"files": [], "shacl": []}
    union = Graph()
    for item in request["files"]:
        graph = Graph()
        graph.parse(item["path"], format=item["format"])
        report["files"].append(describe(graph))
        if item.get("validate"):
            union += graph
    for shapes_set in request["shapes"]:
        shapes = Graph()
        for path in shapes_set["paths"]:
            shapes.parse(path, format="turtle")
        conforms, results, text = validate(
            union, shacl_graph=shapes, inference=shapes_set["inference"]
        )
        violations = len(list(results.subjects(SH.resultSeverity, SH.Violation)))
        report["shacl"].append(
            {"name": shapes_set["name"], "violations": violations, "text": text[:4000]}
        )
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
