"""UN/CEFACT CII D16B: where each business group and term sits (data for ``bindings``)."""

from __future__ import annotations

from typing import Mapping

from workflow.einvoice.rules.namespaces import Group

_CII_ADDRESS = {
    "BT-35": "ram:LineOne",
    "BT-36": "ram:LineTwo",
    "BT-162": "ram:LineThree",
    "BT-37": "ram:CityName",
    "BT-38": "ram:PostcodeCode",
    "BT-39": "ram:CountrySubDivisionName",
    "BT-40": "ram:CountryID",
}
_CII_CONTACT = {
    "BT-41": "ram:PersonName|ram:DepartmentName",
    "BT-42": "ram:TelephoneUniversalCommunication/ram:CompleteNumber",
    "BT-43": "ram:EmailURIUniversalCommunication/ram:URIID",
}
_CII_PARTY = {
    "name": "ram:Name",
    "trading_name": "ram:SpecifiedLegalOrganization/ram:TradingBusinessName",
    "ids": "ram:ID|ram:GlobalID",
    "legal_id": "ram:SpecifiedLegalOrganization/ram:ID",
    "vat_id": "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']",
    "tax_no": "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']",
    # BR-DE-16 reads the scheme normalised (' VA ' counts there, not in the CEN rules)
    "X-vat-id-norm": "ram:SpecifiedTaxRegistration/ram:ID[normalize-space(@schemeID)='VA']",
    "X-tax-no-norm": "ram:SpecifiedTaxRegistration/ram:ID[normalize-space(@schemeID)='FC']",
    "legal_info": "ram:Description",
    "endpoint": "ram:URIUniversalCommunication/ram:URIID",
    "X-uri": "ram:URIUniversalCommunication",
    "X-uri-scheme": "ram:URIUniversalCommunication/ram:URIID/@schemeID",
    "address": "ram:PostalTradeAddress",
    "contact": "ram:DefinedTradeContact",
}
_CII_AC = {
    "amount": "ram:ActualAmount",
    "base": "ram:BasisAmount",
    "percent": "ram:CalculationPercent",
    "category": "ram:CategoryTradeTax/ram:CategoryCode",
    "category-VAT": "ram:CategoryTradeTax[upper-case(ram:TypeCode)='VAT']/ram:CategoryCode",
    "rate": "ram:CategoryTradeTax/ram:RateApplicablePercent",
    "reason": "ram:Reason",
    "reason_code": "ram:ReasonCode",
    "X-indicator": "ram:ChargeIndicator/udt:Indicator",
}
_CII_PERIOD = {
    "start": "ram:StartDateTime/udt:DateTimeString",
    "end": "ram:EndDateTime/udt:DateTimeString",
    "X-start": "ram:StartDateTime",
    "X-end": "ram:EndDateTime",
    "X-start-102": "ram:StartDateTime/udt:DateTimeString[@format='102']",
    "X-end-102": "ram:EndDateTime/udt:DateTimeString[@format='102']",
}
_TX = "rsm:SupplyChainTradeTransaction"
_AGR = f"{_TX}/ram:ApplicableHeaderTradeAgreement"
_DLV = f"{_TX}/ram:ApplicableHeaderTradeDelivery"
_STL = f"{_TX}/ram:ApplicableHeaderTradeSettlement"
_LAGR = "ram:SpecifiedLineTradeAgreement"
_LSTL = "ram:SpecifiedLineTradeSettlement"

CII: Mapping[str, Group] = {
    "doc": (
        None,
        ".",
        {
            "BT-1": "rsm:ExchangedDocument/ram:ID",
            "BT-2": "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString",
            "BT-2-102": "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString[@format='102']",
            "BT-3": "rsm:ExchangedDocument/ram:TypeCode",
            "BT-5": f"{_STL}/ram:InvoiceCurrencyCode",
            "BT-6": f"{_STL}/ram:TaxCurrencyCode",
            "BT-7": f"{_STL}/ram:ApplicableTradeTax/ram:TaxPointDate/udt:DateString",
            "BT-8": f"{_STL}/ram:ApplicableTradeTax/ram:DueDateTypeCode",
            "BT-9": f"{_STL}/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString",
            "BT-10": f"{_AGR}/ram:BuyerReference",
            "BT-11": f"{_AGR}/ram:SpecifiedProcuringProject/ram:ID",
            "BT-12": f"{_AGR}/ram:ContractReferencedDocument/ram:IssuerAssignedID",
            "BT-13": f"{_AGR}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID",
            "BT-14": f"{_AGR}/ram:SellerOrderReferencedDocument/ram:IssuerAssignedID",
            "BT-15": f"{_DLV}/ram:ReceivingAdviceReferencedDocument/ram:IssuerAssignedID",
            "BT-16": f"{_DLV}/ram:DespatchAdviceReferencedDocument/ram:IssuerAssignedID",
            "BT-17": f"{_AGR}/ram:AdditionalReferencedDocument[ram:TypeCode='50']/ram:IssuerAssignedID",
            "BT-18": f"{_AGR}/ram:AdditionalReferencedDocument[ram:TypeCode='130']/ram:IssuerAssignedID",
            "BT-18-1": f"{_AGR}/ram:AdditionalReferencedDocument[ram:TypeCode='130']/ram:ReferenceTypeCode",
            "BT-19": f"{_STL}/ram:ReceivableSpecifiedTradeAccountingAccount/ram:ID",
            "BT-20": f"{_STL}/ram:SpecifiedTradePaymentTerms/ram:Description",
            "BT-22": "rsm:ExchangedDocument/ram:IncludedNote/ram:Content",
            "BT-23": "rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter"
            "/ram:ID",
            "BT-24": "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID",
            "BT-89": f"{_STL}/ram:SpecifiedTradePaymentTerms/ram:DirectDebitMandateID",
            "BT-90": f"{_STL}/ram:CreditorReferenceID",
            "BT-83": f"{_STL}/ram:PaymentReference",
            "X-taxtotal-amount": f"{_STL}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
            "/ram:TaxTotalAmount",
            "X-embedded": f"{_AGR}/ram:AdditionalReferencedDocument/ram:AttachmentBinaryObject",
            "X-payment-terms": f"{_STL}/ram:SpecifiedTradePaymentTerms",
            "X-debtor": f"{_STL}/ram:SpecifiedTradeSettlementPaymentMeans"
            "/ram:PayerPartyDebtorFinancialAccount",
            "X-debtor-iban": f"{_STL}/ram:SpecifiedTradeSettlementPaymentMeans"
            "/ram:PayerPartyDebtorFinancialAccount"
            "/ram:IBANID",
        },
    ),
    "seller": ("doc", f"{_AGR}/ram:SellerTradeParty", _CII_PARTY),
    "seller_role": ("doc", f"{_AGR}/ram:SellerTradeParty", _CII_PARTY),  # CII has no role wrapper
    "seller_address": ("seller", "ram:PostalTradeAddress", _CII_ADDRESS),
    "seller_contact": ("seller", "ram:DefinedTradeContact", _CII_CONTACT),
    "buyer": ("doc", f"{_AGR}/ram:BuyerTradeParty", _CII_PARTY),
    "buyer_address": ("buyer", "ram:PostalTradeAddress", _CII_ADDRESS),
    "buyer_contact": ("buyer", "ram:DefinedTradeContact", _CII_CONTACT),
    "payee": (
        "doc",
        f"{_STL}/ram:PayeeTradeParty",
        {
            "name": "ram:Name",
            "ids": "ram:ID|ram:GlobalID",
            "legal_id": "ram:SpecifiedLegalOrganization/ram:ID",
        },
    ),
    "taxrep": (
        "doc",
        f"{_AGR}/ram:SellerTaxRepresentativeTradeParty",
        {
            "name": "ram:Name",
            "vat_id": "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']",
            "address": "ram:PostalTradeAddress",
        },
    ),
    "taxrep_address": ("taxrep", "ram:PostalTradeAddress", _CII_ADDRESS),
    "delivery": (
        "doc",
        _DLV,
        {
            "BT-70": "ram:ShipToTradeParty/ram:Name",
            "BT-71": "ram:ShipToTradeParty/ram:ID|ram:ShipToTradeParty/ram:GlobalID",
            "BT-72": "ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString",
            "address": "ram:ShipToTradeParty/ram:PostalTradeAddress",
        },
    ),
    "deliver_address": ("delivery", "ram:ShipToTradeParty/ram:PostalTradeAddress", _CII_ADDRESS),
    "period": (
        "doc",
        f"{_STL}/ram:BillingSpecifiedPeriod",
        _CII_PERIOD,
    ),
    "payment": (
        "doc",
        f"{_STL}/ram:SpecifiedTradeSettlementPaymentMeans",
        {
            "BT-81": "ram:TypeCode",
            "BT-82": "ram:Information",
            "BG-17": "ram:PayeePartyCreditorFinancialAccount",
            "BT-84": "ram:PayeePartyCreditorFinancialAccount/ram:IBANID"
            "|ram:PayeePartyCreditorFinancialAccount/ram:ProprietaryID",
            "X-iban": "ram:PayeePartyCreditorFinancialAccount/ram:IBANID",
            "BT-86": "ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID",
            "BG-18": "ram:ApplicableTradeSettlementFinancialCard",
            "BT-87": "ram:ApplicableTradeSettlementFinancialCard/ram:ID",
            "BG-19": "ram:PayerPartyDebtorFinancialAccount",
            "BT-91": "ram:PayerPartyDebtorFinancialAccount/ram:IBANID",
            "X-payee-institution": "ram:PayeeSpecifiedCreditorFinancialInstitution",
            "X-payer-institution": "ram:PayerSpecifiedDebtorFinancialInstitution",
        },
    ),
    "preceding": (
        "doc",
        f"{_STL}/ram:InvoiceReferencedDocument",
        {"BT-25": "ram:IssuerAssignedID", "BT-26": "ram:FormattedIssueDateTime/qdt:DateTimeString"},
    ),
    "allowance": (
        "doc",
        f"{_STL}/ram:SpecifiedTradeAllowanceCharge[bool(ram:ChargeIndicator/udt:Indicator)=false]",
        _CII_AC,
    ),
    "charge": (
        "doc",
        f"{_STL}/ram:SpecifiedTradeAllowanceCharge[bool(ram:ChargeIndicator/udt:Indicator)=true]",
        _CII_AC,
    ),
    "any_ac": ("doc", f"{_STL}/ram:SpecifiedTradeAllowanceCharge", _CII_AC),
    "totals": (
        "doc",
        f"{_STL}/ram:SpecifiedTradeSettlementHeaderMonetarySummation",
        {
            "BT-106": "ram:LineTotalAmount",
            "BT-107": "ram:AllowanceTotalAmount",
            "BT-108": "ram:ChargeTotalAmount",
            "BT-109": "ram:TaxBasisTotalAmount",
            "BT-112": "ram:GrandTotalAmount",
            "BT-113": "ram:TotalPrepaidAmount",
            "BT-114": "ram:RoundingAmount",
            "BT-115": "ram:DuePayableAmount",
            "X-taxtotal-amount": "ram:TaxTotalAmount",
        },
    ),
    "vat": (
        "doc",
        f"{_STL}/ram:ApplicableTradeTax",
        {
            "BT-116": "ram:BasisAmount",
            "BT-117": "ram:CalculatedAmount",
            "BT-118": "ram:CategoryCode",
            "BT-119": "ram:RateApplicablePercent",
            "BT-118-VAT": ".[upper-case(ram:TypeCode)='VAT']/ram:CategoryCode",
            "BT-119-VAT": ".[upper-case(ram:TypeCode)='VAT']/ram:RateApplicablePercent",
            # BR-CO-17 normalises the tax type ('\tVAT' counts there, not in BR-47/48)
            "BT-119-VATn": ".[normalize-space(upper-case(ram:TypeCode))='VAT']/ram:RateApplicablePercent",
            "BT-120": "ram:ExemptionReason",
            "BT-121": "ram:ExemptionReasonCode",
            "X-type": "ram:TypeCode",
        },
    ),
    "attachment": (
        "doc",
        f"{_AGR}/ram:AdditionalReferencedDocument[ram:TypeCode='916']",
        {
            "BT-122": "ram:IssuerAssignedID",
            "BT-123": "ram:Name",
            "BT-124": "ram:URIID",
            "BT-125": "ram:AttachmentBinaryObject",
            "X-typecode": "ram:TypeCode",
        },
    ),
    # every additional referenced document (not only attachments), document and line level (BR-52)
    "any_reference": ("doc", f"{_AGR}/ram:AdditionalReferencedDocument", {"BT-122": "ram:IssuerAssignedID"}),
    "line_reference": ("line", f"{_LSTL}/ram:AdditionalReferencedDocument", {"BT-122": "ram:IssuerAssignedID"}),
    "line": (
        "doc",
        f"{_TX}/ram:IncludedSupplyChainTradeLineItem",
        {
            "BT-126": "ram:AssociatedDocumentLineDocument/ram:LineID",
            "X-parent-line": "ram:AssociatedDocumentLineDocument/ram:ParentLineID",
            "BT-127": "ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:Content",
            "BT-128": f"{_LSTL}/ram:AdditionalReferencedDocument/ram:IssuerAssignedID",
            "X-docref-type": f"{_LSTL}/ram:AdditionalReferencedDocument/ram:TypeCode",
            "BT-129": "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity",
            "BT-130": "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/@unitCode",
            "BT-131": f"{_LSTL}/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
            "BT-132": f"{_LAGR}/ram:BuyerOrderReferencedDocument/ram:LineID",
            "BT-133": f"{_LSTL}/ram:ReceivableSpecifiedTradeAccountingAccount/ram:ID",
            "BT-146": f"{_LAGR}/ram:NetPriceProductTradePrice/ram:ChargeAmount",
            "BT-147": f"{_LAGR}/ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge"
            "/ram:ActualAmount",
            "BT-148": f"{_LAGR}/ram:GrossPriceProductTradePrice/ram:ChargeAmount",
            "BT-149": f"{_LAGR}/ram:NetPriceProductTradePrice/ram:BasisQuantity",
            "BT-150": f"{_LAGR}/ram:NetPriceProductTradePrice/ram:BasisQuantity/@unitCode",
            "X-gross-basis": f"{_LAGR}/ram:GrossPriceProductTradePrice/ram:BasisQuantity",
            "BT-151": f"{_LSTL}/ram:ApplicableTradeTax/ram:CategoryCode",
            "BT-151-VAT": f"{_LSTL}/ram:ApplicableTradeTax[upper-case(ram:TypeCode)='VAT']/ram:CategoryCode",
            # BR-DE-16 compares the type code exactly (the CEN rules upper-case it)
            "BT-151-VAT-exact": f"{_LSTL}/ram:ApplicableTradeTax[ram:TypeCode='VAT']/ram:CategoryCode",
            "BT-152": f"{_LSTL}/ram:ApplicableTradeTax/ram:RateApplicablePercent",
            "BT-153": "ram:SpecifiedTradeProduct/ram:Name",
            "BT-154": "ram:SpecifiedTradeProduct/ram:Description",
            "BT-157": "ram:SpecifiedTradeProduct/ram:GlobalID",
            "BT-155": "ram:SpecifiedTradeProduct/ram:SellerAssignedID",
            "BT-156": "ram:SpecifiedTradeProduct/ram:BuyerAssignedID",
            "BT-159": "ram:SpecifiedTradeProduct/ram:OriginTradeCountry/ram:ID",
            "BT-158": "ram:SpecifiedTradeProduct/ram:DesignatedProductClassification/ram:ClassCode",
            "BT-158-1": "ram:SpecifiedTradeProduct/ram:DesignatedProductClassification/ram:ClassCode/@listID",
            "BT-160": "ram:SpecifiedTradeProduct/ram:ApplicableProductCharacteristic/ram:Description",
            "X-price-ac": f"{_LAGR}/ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge",
            "X-price-ac-indicator": f"{_LAGR}/ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge"
            "/ram:ChargeIndicator/udt:Indicator",
            "X-item": "ram:SpecifiedTradeProduct",
        },
    ),
    "line_period": (
        "line",
        f"{_LSTL}/ram:BillingSpecifiedPeriod",
        _CII_PERIOD,
    ),
    "line_allowance": (
        "line",
        f"{_LSTL}/ram:SpecifiedTradeAllowanceCharge[bool(ram:ChargeIndicator/udt:Indicator)=false]",
        _CII_AC,
    ),
    "line_charge": (
        "line",
        f"{_LSTL}/ram:SpecifiedTradeAllowanceCharge[bool(ram:ChargeIndicator/udt:Indicator)=true]",
        _CII_AC,
    ),
    "line_any_ac": ("line", f"{_LSTL}/ram:SpecifiedTradeAllowanceCharge", _CII_AC),
    "gross_price": (
        "line",
        f"{_LAGR}/ram:GrossPriceProductTradePrice",
        {
            "amount": "ram:ChargeAmount",
            "basis": "ram:BasisQuantity",
            "X-indicator": "ram:AppliedTradeAllowanceCharge/ram:ChargeIndicator/udt:Indicator",
            "discount": "ram:AppliedTradeAllowanceCharge/ram:ActualAmount",
        },
    ),
    "net_price": (
        "line",
        f"{_LAGR}/ram:NetPriceProductTradePrice",
        {"amount": "ram:ChargeAmount", "basis": "ram:BasisQuantity"},
    ),
    "price_ac": (
        "line",
        f"{_LAGR}/ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge",
        {"X-indicator": "ram:ChargeIndicator/udt:Indicator", "amount": "ram:ActualAmount"},
    ),
    "billing_ref": ("doc", f"{_STL}/ram:InvoiceReferencedDocument", {"BT-25": "ram:IssuerAssignedID"}),
    "card": (
        "payment",
        "ram:ApplicableTradeSettlementFinancialCard",
        {"BT-87": "ram:ID", "BT-88": "ram:CardholderName"},
    ),
    "credit_transfer": (
        "payment",
        "ram:PayeePartyCreditorFinancialAccount",
        {"BT-84": "ram:IBANID|ram:ProprietaryID", "BT-85": "ram:AccountName"},
    ),
    "note": (
        "doc",
        "rsm:ExchangedDocument/ram:IncludedNote",
        {"text": "ram:Content", "code": "ram:SubjectCode"},
    ),
    "item_attr": (
        "line",
        "ram:SpecifiedTradeProduct/ram:ApplicableProductCharacteristic",
        {"BT-160": "ram:Description", "BT-161": "ram:Value"},
    ),
}
