//! The triples of one page, indexed for the two lookups extraction needs: the edges
//! leaving a node, and the predicates that point to a node.
//!
//! This replaces `oxrdf::Graph`, which keeps six sorted indexes and took most of the
//! reading time of large pages. Duplicate triples are kept; the extraction removes
//! duplicate values where they matter.

use std::collections::HashMap;

use oxrdf::{
    NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef, Triple,
};

/// One triple seen from its subject.
#[derive(Clone, Copy)]
pub(crate) struct Edge<'a> {
    pub(crate) predicate: NamedNodeRef<'a>,
    pub(crate) object: TermRef<'a>,
}

#[derive(Default)]
pub(crate) struct TripleIndex {
    outgoing: HashMap<NamedOrBlankNode, Vec<(NamedNode, Term)>>,
    /// Predicates of the triples whose object is a node (not a literal), per object.
    incoming: HashMap<NamedOrBlankNode, Vec<NamedNode>>,
}

fn owned_node(term: &Term) -> Option<NamedOrBlankNode> {
    match term {
        Term::NamedNode(node) => Some(node.clone().into()),
        Term::BlankNode(node) => Some(node.clone().into()),
        _ => None,
    }
}

impl TripleIndex {
    pub(crate) fn insert(&mut self, triple: Triple) {
        if let Some(object) = owned_node(&triple.object) {
            self.incoming
                .entry(object)
                .or_default()
                .push(triple.predicate.clone());
        }
        self.outgoing
            .entry(triple.subject)
            .or_default()
            .push((triple.predicate, triple.object));
    }

    /// Returns the triples whose subject is `subject`.
    pub(crate) fn triples_for_subject<'a, 'b>(
        &'a self,
        subject: impl Into<NamedOrBlankNodeRef<'b>>,
    ) -> impl Iterator<Item = Edge<'a>> + 'a {
        self.outgoing
            .get(&subject.into().into_owned())
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .map(|(predicate, object)| Edge {
                predicate: predicate.as_ref(),
                object: object.as_ref(),
            })
    }

    /// Returns the objects of the triples with this subject and predicate.
    pub(crate) fn objects_for_subject_predicate<'a, 'b>(
        &'a self,
        subject: impl Into<NamedOrBlankNodeRef<'b>>,
        predicate: NamedNodeRef<'a>,
    ) -> impl Iterator<Item = TermRef<'a>> + 'a {
        self.triples_for_subject(subject)
            .filter(move |edge| edge.predicate == predicate)
            .map(|edge| edge.object)
    }

    /// Returns the predicates of the triples whose object is `node`.
    pub(crate) fn predicates_to<'a>(
        &'a self,
        node: NamedOrBlankNodeRef<'_>,
    ) -> impl Iterator<Item = NamedNodeRef<'a>> + 'a {
        self.incoming
            .get(&node.into_owned())
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .map(NamedNode::as_ref)
    }
}
