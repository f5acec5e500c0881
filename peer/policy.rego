# The five rules of peer/rules/five-rules.fr in Rego, for the regorus comparison.
package fairrec

import rego.v1

violations contains {"rule": "FR-BENCH-001", "path": sprintf("costs[%d].paid_by", [i])} if {
	some i, cost in input.costs
	cost.paid_by in {"worker", "worker_family"}
}

violations contains {"rule": "FR-BENCH-002", "path": sprintf("documents[%d].held_by", [i])} if {
	some i, document in input.documents
	document.type == "passport"
	document.held_by != "worker"
}

violations contains {"rule": "FR-BENCH-003", "path": "contract.languages"} if {
	not shared_language
}

shared_language if {
	some language in input.contract.languages
	language in input.workers.languages
}

violations contains {"rule": "FR-BENCH-004", "path": "contract.days_before_departure"} if {
	input.contract.days_before_departure < 0
}

violations contains {"rule": "FR-BENCH-005", "path": "licence.valid_until"} if {
	input.kind == "agency"
	input.licence.valid_until < data.as_of
}
