package org.kaers.causality;

/** OpenAPI examples of the causality endpoints. */
final class CausalityExamples {

    private CausalityExamples() {}

    static final String REQUEST = """
            {
              "productIndex": 0,
              "reactionIndex": 0,
              "whoUmc": "PROBABLE",
              "naranjo": {"previousConclusiveReports": "YES", "appearedAfterProduct": "YES",
                          "improvedOnStopOrAntagonist": "YES", "reappearedOnReadministration": "DONT_KNOW",
                          "alternativeCauses": "NO", "reactionToPlacebo": "DONT_KNOW", "toxicConcentration": "DONT_KNOW",
                          "doseRelated": "DONT_KNOW", "similarReactionBefore": "NO", "objectiveEvidence": "YES"},
              "rucam": {"answers": {"ALCOHOL": "ALCOHOL_NO", "ALTERNATIVE_CAUSES": "ALTERNATIVES_ALL_RULED_OUT"}},
              "comment": "Hepatitis A-E serology negative, ultrasound normal."
            }""";

    static final String RUCAM = """
            {"method": "RUCAM_2016", "caseVersion": 1, "applicable": true, "rRatioAtOnset": 18.75,
             "scale": "HEPATOCELLULAR", "scaleSource": "R_RATIO",
             "items": [
               {"item": "TIME_TO_ONSET", "answer": "ONSET_5_TO_90_DAYS", "points": 2, "source": "CASE", "basis": "onset 35 days after the start"},
               {"item": "COURSE", "answer": "ALT_FALL_50_WITHIN_8_DAYS", "points": 3, "source": "CASE", "basis": "ALT excess over ULN halved 6 days after the stop"},
               {"item": "ALCOHOL", "answer": "ALCOHOL_NO", "points": 0, "source": "REVIEWER"},
               {"item": "AGE", "answer": "AGE_UNDER_55", "points": 0, "source": "CASE", "basis": "from the age"},
               {"item": "CONCOMITANT", "answer": "CONCOMITANT_NONE", "points": 0, "source": "CASE", "basis": "no other product reported"},
               {"item": "ALTERNATIVE_CAUSES", "answer": "ALTERNATIVES_ALL_RULED_OUT", "points": 2, "source": "REVIEWER"},
               {"item": "KNOWN_HEPATOTOXICITY", "answer": "HEPATOTOXICITY_PUBLISHED_UNLABELLED", "points": 1, "source": "CASE", "basis": "kratom products: hepatotoxicity published but not labelled"},
               {"item": "RECHALLENGE", "answer": "RECHALLENGE_OTHER", "points": 0, "source": "CASE", "basis": "rechallenge NOT_DONE"}
             ],
             "itemsToAnswer": [], "score": 8, "band": "PROBABLE"}""";

    static final String VIEW = """
            {"id": 101, "caseNumber": "KAE-2026-000123", "productIndex": 0, "productName": "Maeng Da Kratom Powder",
             "reactionIndex": 0, "reactionVerbatim": "yellow skin and itching", "version": 1, "current": true,
             "assessor": "reviewer@centre.example", "assessedAt": "2026-03-01T10:15:00Z", "caseVersion": 1,
             "latestCaseVersion": 1, "caseChangedSince": false, "pairInLatestVersion": true, "whoUmc": "PROBABLE",
             "naranjo": {"answers": {"previousConclusiveReports": "YES", "appearedAfterProduct": "YES",
                          "improvedOnStopOrAntagonist": "YES", "reappearedOnReadministration": "DONT_KNOW",
                          "alternativeCauses": "NO", "reactionToPlacebo": "DONT_KNOW", "toxicConcentration": "DONT_KNOW",
                          "doseRelated": "DONT_KNOW", "similarReactionBefore": "NO", "objectiveEvidence": "YES"},
                         "score": 7, "band": "PROBABLE"},
             "rucam": """ + RUCAM + """
            ,
             "comment": "Hepatitis A-E serology negative, ultrasound normal."}""";

    static final String MISSING_ITEMS_PROBLEM = """
            {"type": "urn:kaers:problem:validation", "title": "Invalid request", "status": 400,
             "detail": "2 fields are invalid", "instance": "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427",
             "violations": [
               {"field": "rucam.answers.ALCOHOL", "in": "body", "message": "the case does not answer it; must be one of [ALCOHOL_YES, ALCOHOL_NO]"},
               {"field": "rucam.answers.ALTERNATIVE_CAUSES", "in": "body", "message": "the case does not answer it; must be one of [ALTERNATIVES_ALL_RULED_OUT, ALTERNATIVES_GROUP_I_RULED_OUT, ALTERNATIVES_GROUP_I_5_OR_6_RULED_OUT, ALTERNATIVES_GROUP_I_UNDER_5_RULED_OUT, ALTERNATIVE_HIGHLY_PROBABLE]"}
             ]}""";
}
