package org.kaers.report.model;

/** Relevant history and comorbidities of the patient. Travels as its code, never as an ordinal. */
public enum PatientHistory {
    OPIOID_USE_DISORDER,
    ALCOHOL_USE_DISORDER,
    OTHER_SUBSTANCE_USE_DISORDER,
    LIVER_DISEASE,
    SEIZURE_DISORDER,
    PSYCHIATRIC_ILLNESS,
    CARDIAC_DISEASE,
    RENAL_DISEASE,
    PRIOR_KRATOM_USE,
    CHRONIC_PAIN
}
