# Conversion des fichiers TOTEM (DocumentBudgetaire) en CSV budget SCDL.

## Erreurs qui arrêtent la conversion

totem-read-failed = La lecture du fichier a échoué à la ligne { $line } : { $detail }.
totem-write-failed = L'écriture du fichier CSV a échoué : { $detail }.
totem-doctype-rejected = Le fichier contient une déclaration de type de document (DTD) à la ligne { $line }. Elle est refusée par sécurité : exportez le flux TOTEM sans DTD depuis votre logiciel financier.
totem-entity-declaration-rejected = Le fichier déclare des entités XML à la ligne { $line }. Elles sont refusées par sécurité (ni développement, ni accès à un fichier ou au réseau) : exportez le flux TOTEM sans DTD.
totem-entity-undefined = L'élément <{ $element }> utilise l'entité inconnue « &{ $name }; » à la ligne { $line }. Seules les entités prédéfinies du XML sont acceptées.
totem-xml-malformed = XML invalide dans l'élément <{ $element }> à la ligne { $line } : { $detail }.
totem-xml-truncated = Le fichier s'arrête avant la fin de l'élément <{ $element }> ouvert à la ligne { $line } : il est probablement tronqué. Téléchargez-le de nouveau.
totem-xml-token-too-large = Un élément dépasse { $limit } octets dans <{ $element }> à la ligne { $line } : ce n'est pas un flux TOTEM valide.
totem-xml-too-deep = Les éléments sont imbriqués sur plus de { $limit } niveaux à <{ $element }>, ligne { $line } : ce n'est pas un flux TOTEM valide.
totem-encoding-invalid = Le fichier n'est pas encodé en { $encoding } comme le déclare son en-tête XML (ligne { $line }). Corrigez la déclaration d'encodage ou réexportez le fichier.
totem-encoding-unsupported = L'encodage « { $label } » déclaré par le fichier n'est pas pris en charge. Utilisez ISO-8859-1 ou UTF-8.
totem-root-unknown = L'élément racine <{ $element }> n'est ni DocumentBudgetaire ni CompteFinancierUnique : ce fichier n'est pas un flux TOTEM.
totem-document-missing = Aucun élément DocumentBudgetaire n'a été trouvé dans le fichier.
totem-plans-dir-unreadable = Le dossier des plans de comptes { $path } est illisible : { $detail }.

## Avertissements sur les données

totem-notices-truncated = { $count } autres avertissements différents ont été omis.
totem-personal-data-truncated = { $count } autres éléments contenant des données personnelles ont été omis de la liste.
totem-opbudg-invalid = Valeur OpBudg « { $value } » inconnue (0 ou 1 attendu) : la colonne BGT_OPBUDG est laissée vide.
totem-codrd-invalid = Valeur CodRD « { $value } » inconnue (D ou R attendu) : la colonne BGT_CODRD est laissée vide.
totem-artspe-invalid = Valeur ArtSpe « { $value } » inconnue (true ou false attendu) : la colonne BGT_ARTSPE est laissée vide.
totem-chapter-not-in-plan = Le chapitre { $chapter } n'existe pas dans le plan de comptes : le code est conservé, avec le libellé et la section du chapitre { $derived } déduit du compte.
totem-chapter-unknown = Le chapitre { $chapter } n'existe pas dans le plan de comptes et n'a pu être déduit du compte : libellé laissé vide.
totem-chapter-missing = La ligne du compte { $nature } n'a pas de chapitre et le plan de comptes ne permet pas de le déduire.
totem-section-missing = La section de la ligne du compte { $nature } n'a pu être déterminée.
totem-section-guessed = Section de la ligne du compte { $nature } déduite de la classe du compte : { $section }.
totem-nature-unknown = Le compte { $nature } n'existe pas dans le plan de comptes : le libellé du flux est repris.
totem-nature-parent-label = Le compte { $nature } n'existe pas dans le plan de comptes et le flux ne donne pas de libellé : le libellé du compte parent { $parent } est repris.
totem-function-unknown = La fonction { $function } n'existe pas dans le plan de comptes : libellé laissé vide.
totem-amount-rewritten = Le montant { $element } « { $value } » était au format français : il a été converti avec un point décimal.
totem-amount-invalid = Le montant { $element } « { $value } » n'est pas un nombre : la cellule est laissée vide.
totem-natdec-unknown = Étape budgétaire NatDec « { $value } » inconnue : la colonne BGT_NATDEC est laissée vide.
totem-year-invalid = Exercice « { $value } » invalide : le plan de comptes ne peut pas être choisi.
totem-siret-invalid = Le SIRET « { $siret } » n'a pas 14 chiffres ou sa clé de contrôle est fausse.
totem-draft = Le flux est marqué comme projet (ProjetBudget) : il peut différer du budget voté.
totem-plan-other-year = Pas de plan de comptes { $nomenclature } pour { $year } : celui de { $used } est utilisé. Les libellés peuvent différer.
totem-plan-invalid = Le plan de comptes { $nomenclature } de { $year } est illisible ({ $detail }) : les libellés sont laissés vides.
totem-plan-missing = Pas de plan de comptes { $nomenclature } pour { $year } : les libellés sont laissés vides et les chapitres manquants ne peuvent être déduits.
totem-no-lines = Le document ne contient aucune ligne budgétaire.
totem-budgets-truncated = Le fichier contient plus de { $limit } budgets : leurs lignes sont converties mais seuls les { $limit } premiers figurent dans le résumé.

## Données personnelles trouvées (jamais copiées dans le CSV)

totem-personal-data-subsidy-beneficiary = Subvention à une personne physique (<{ $element }>, ligne { $line }).
totem-personal-data-loan-beneficiary = Prêt accordé à un bénéficiaire nommé (<{ $element }>, ligne { $line }).
totem-personal-data-staff = Tableau des effectifs, qui peut identifier des agents (<{ $element }>, ligne { $line }).
totem-personal-data-signatory = Nom d'un signataire (<{ $element }>, ligne { $line }).
totem-personal-data-accountant = Nom d'un comptable public ou d'un utilisateur (<{ $element }>, ligne { $line }).

## Résumé de la conversion

totem-summary-heading = { $collectivite }, { $budget } : { $stage ->
        [bp] budget primitif
        [bs] budget supplémentaire
        [dm] décision modificative
        [ca] compte administratif
        [cfu] compte financier unique
       *[other] étape inconnue
    } { $year }, { $rows } lignes.
totem-summary-voted = { $section ->
        [fonctionnement] Fonctionnement
       *[investissement] Investissement
    }, { $direction ->
        [expenses] dépenses
       *[revenue] recettes
    } votées : { $amount } €.
totem-summary-realised = { $section ->
        [fonctionnement] Fonctionnement
       *[investissement] Investissement
    }, { $direction ->
        [expenses] dépenses
       *[revenue] recettes
    } réalisées : { $amount } €.
