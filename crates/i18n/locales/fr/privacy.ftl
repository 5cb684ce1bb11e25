# Messages of the personal-data scan and redaction (French).

privacy-kind-person = nom de personne
privacy-kind-address = adresse postale
privacy-kind-email = adresse électronique
privacy-kind-phone = numéro de téléphone
privacy-kind-nir = numéro de sécurité sociale (NIR)
privacy-kind-iban = IBAN
privacy-kind-rib = RIB
privacy-kind-birth-date = date de naissance

privacy-category-private = particulier
privacy-category-agent = agent de la collectivité
privacy-category-official = élu ou autorité dans ses fonctions
privacy-category-sole_trader = entrepreneur individuel
privacy-category-unknown = personne non qualifiée

privacy-confidence-high = confiance élevée
privacy-confidence-medium = confiance moyenne
privacy-confidence-low = confiance faible

privacy-finding = Ligne { $row }, colonne « { $column } » : { $kind ->
        [person] nom de personne
        [address] adresse postale
        [email] adresse électronique
        [phone] numéro de téléphone
        [nir] numéro de sécurité sociale (NIR)
        [iban] IBAN
        [rib] RIB
        [birth_date] date de naissance
       *[other] donnée personnelle
    } ({ $confidence ->
        [high] confiance élevée
        [medium] confiance moyenne
       *[low] confiance faible
    }) dans « { $excerpt } ».
    .hint = Masquez cette donnée avec « socle privacy redact », ou confirmez qu'elle peut être publiée (élu dans ses fonctions, personne morale, accord de la personne).

privacy-summary = { $count ->
        [0] Aucune donnée personnelle détectée
        [one] { $count } donnée personnelle détectée
       *[other] { $count } données personnelles détectées
    } dans { $records ->
        [one] { $records } ligne
       *[other] { $records } lignes
    } (règles « { $policy } »){ $count ->
        [0] .
       *[other] . Aucune ne bloque la publication (confiance moyenne, ou élus dans leurs fonctions) : relisez-les, et publiez une version masquée si elles désignent des particuliers.
    }
privacy-summary-confirm = { $count ->
        [one] { $count } donnée personnelle détectée
       *[other] { $count } données personnelles détectées
    } dans { $records ->
        [one] { $records } ligne
       *[other] { $records } lignes
    } (règles « { $policy } »), dont { $high } en confiance élevée : la publication demande la confirmation explicite d'un éditeur.
    .hint = Publiez la version masquée produite par « socle privacy redact », ou confirmez que ces données peuvent être publiées.

privacy-error-policy-json = Les règles de confidentialité ne sont pas un JSON valide : { $detail }.
    .hint = Vérifiez la syntaxe du fichier de règles (champs name, columns, other_columns, min_confidence, report_officials).
privacy-error-policy-name = Les règles de confidentialité n'ont pas de nom.
    .hint = Renseignez le champ « name ».
privacy-error-policy-duplicate-column = Les règles de confidentialité citent deux fois la colonne « { $column } ».
    .hint = Gardez une seule règle par colonne.
privacy-error-policy-unknown-schema = Aucune règle de confidentialité intégrée pour le schéma « { $schema } ».
    .hint = Schémas disponibles : { $known }. Vous pouvez aussi fournir vos propres règles en JSON.
